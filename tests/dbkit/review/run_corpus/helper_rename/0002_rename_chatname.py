"""Rename chatname to rocketchat_user, through a helper of the learner's own"""
from alembic import op

revision = "0002"
down_revision = "0001"


def _rename(table, old, new):
    op.alter_column(table, old, new_column_name=new)


def upgrade():
    _rename("recruits", "chatname", "rocketchat_user")


def downgrade():
    _rename("recruits", "rocketchat_user", "chatname")
