"""cohort, NOT NULL with no default: fails on a table with rows"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("cohort", sa.Text(), nullable=False))


def downgrade():
    op.drop_column("recruits", "cohort")
