"""Require email"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("recruits", "email", nullable=False)


def downgrade():
    op.alter_column("recruits", "email", nullable=True)
