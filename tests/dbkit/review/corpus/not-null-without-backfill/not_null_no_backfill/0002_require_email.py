"""Require email, forgetting the rows that have none"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.alter_column("recruits", "email", nullable=False)


def downgrade():
    op.alter_column("recruits", "email", nullable=True)
