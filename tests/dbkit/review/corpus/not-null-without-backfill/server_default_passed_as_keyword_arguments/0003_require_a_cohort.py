"""Require a cohort, forgetting the rows there are: no server default, no fill"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("recruits", sa.Column("cohort", sa.String(100), nullable=False))


def downgrade():
    op.drop_column("recruits", "cohort")
