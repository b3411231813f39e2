"""Index chatname, the blocking way"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_index("ix_recruits_chatname", "recruits", ["chatname"])


def downgrade():
    op.drop_index("ix_recruits_chatname", table_name="recruits")
