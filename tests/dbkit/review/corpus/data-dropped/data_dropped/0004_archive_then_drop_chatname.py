"""Archive chatname, then drop it"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    op.create_table("old_chatnames", sa.Column("recruit_id", sa.Integer(), primary_key=True),
                    sa.Column("chatname", sa.String(100)))
    op.execute("INSERT INTO old_chatnames (recruit_id, chatname) SELECT id, chatname FROM recruits")
    op.drop_column("recruits", "chatname")


def downgrade():
    op.add_column("recruits", sa.Column("chatname", sa.String(100), nullable=True))
    op.execute("UPDATE recruits SET chatname = o.chatname FROM old_chatnames o "
               "WHERE o.recruit_id = recruits.id")
    op.drop_table("old_chatnames")
