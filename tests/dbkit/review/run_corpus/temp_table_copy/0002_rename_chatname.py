"""Rename chatname by way of a temporary table: drop, add, copy back"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("CREATE TEMPORARY TABLE saved AS SELECT id, chatname FROM recruits")
    op.drop_column("recruits", "chatname")
    op.add_column("recruits", sa.Column("rocketchat_user", sa.String(100), nullable=True))
    op.execute("UPDATE recruits SET rocketchat_user = saved.chatname FROM saved "
               "WHERE saved.id = recruits.id")
    op.execute("DROP TABLE saved")


def downgrade():
    op.execute("CREATE TEMPORARY TABLE saved AS SELECT id, rocketchat_user FROM recruits")
    op.drop_column("recruits", "rocketchat_user")
    op.add_column("recruits", sa.Column("chatname", sa.String(100), nullable=True))
    op.execute("UPDATE recruits SET chatname = saved.rocketchat_user FROM saved "
               "WHERE saved.id = recruits.id")
    op.execute("DROP TABLE saved")
