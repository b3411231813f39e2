"""The legacy chain's last revision: its id is the squash's, where the two hand over"""
from alembic import op

revision = "c0ffee000001"
down_revision = "legacy0001"


def upgrade():
    op.create_index("ix_recruits_chatname", "recruits", ["chatname"])


def downgrade():
    op.drop_index("ix_recruits_chatname", table_name="recruits")
