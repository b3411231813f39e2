"""Move chatname into rocketchat_user with a Core update, then drop it"""
from alembic import op
import sqlalchemy as sa

recruits = sa.table("recruits", sa.column("id", sa.Integer), sa.column("chatname", sa.String),
                    sa.column("rocketchat_user", sa.String))

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("rocketchat_user", sa.String(100), nullable=True))
    op.execute(recruits.update().values(rocketchat_user=recruits.c.chatname))
    op.drop_column("recruits", "chatname")


def downgrade():
    op.add_column("recruits", sa.Column("chatname", sa.String(100)))
    op.execute(recruits.update().values(chatname=recruits.c.rocketchat_user))
    op.drop_column("recruits", "rocketchat_user")
