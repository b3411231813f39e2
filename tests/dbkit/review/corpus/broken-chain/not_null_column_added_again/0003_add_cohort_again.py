"""cohort again, after a hand reset of the database (KNVSH faa9520afb3c): fails as a duplicate"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("recruits", sa.Column("cohort", sa.Text(), nullable=False))


def downgrade():
    op.drop_column("recruits", "cohort")
