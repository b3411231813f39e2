"""Require email"""
from alembic import op

from dbkit.online import add_not_null

revision = "0003"
down_revision = "0002"


def upgrade():
    add_not_null("recruits", "email")


def downgrade():
    op.alter_column("recruits", "email", nullable=True)
