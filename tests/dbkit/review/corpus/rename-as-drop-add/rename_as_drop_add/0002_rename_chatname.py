"""Rename chatname to rocketchat_user, as autogenerate writes it"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("rocketchat_user", sa.String(100), nullable=True))
    op.drop_column("recruits", "chatname")


def downgrade():
    op.add_column("recruits", sa.Column("chatname", sa.VARCHAR(100), nullable=True))
    op.drop_column("recruits", "rocketchat_user")
