"""Rename chatname to rocketchat_user: a real rename, also inside an if"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    if op.get_context().dialect.name == "postgresql":
        op.alter_column("recruits", "chatname", new_column_name="rocketchat_user")
    else:
        with op.batch_alter_table("recruits") as batch_op:
            batch_op.alter_column("chatname", new_column_name="rocketchat_user")


def downgrade():
    op.alter_column("recruits", "rocketchat_user", new_column_name="chatname")
