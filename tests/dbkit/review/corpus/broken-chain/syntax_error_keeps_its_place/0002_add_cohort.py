"""Add cohort (a typo: the file is neither Python 3 nor Python 2)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = (
    "0001"
)


def upgrade(:
    op.add_column("recruits", sa.Column("cohort", sa.String(20), nullable=True))


def downgrade():
    op.drop_column("recruits", "cohort")
