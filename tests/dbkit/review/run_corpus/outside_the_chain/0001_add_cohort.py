"""Add cohort to recruits, a table the application made with create_all"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.add_column("recruits", sa.Column("cohort", sa.String(20)))


def downgrade():
    op.drop_column("recruits", "cohort")
