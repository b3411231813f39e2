"""Rename chatname (the wrong way: drop and add)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("recruits", "chatname")
    op.add_column("recruits", sa.Column("rocketchat_user", sa.String(100), nullable=True))


def downgrade():
    op.drop_column("recruits", "rocketchat_user")
    op.add_column("recruits", sa.Column("chatname", sa.String(100), nullable=True))
