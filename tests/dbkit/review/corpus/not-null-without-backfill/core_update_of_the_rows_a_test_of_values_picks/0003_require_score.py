"""Require score"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("recruits", "score", nullable=False)


def downgrade():
    op.alter_column("recruits", "score", nullable=True)
