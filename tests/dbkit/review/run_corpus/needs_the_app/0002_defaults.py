"""A default from the application's settings"""
import sqlalchemy as sa
from alembic import op
from recruiting_app.settings import DEFAULT_COHORT

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("cohort", sa.String(20), server_default=DEFAULT_COHORT))


def downgrade():
    op.drop_column("recruits", "cohort")
