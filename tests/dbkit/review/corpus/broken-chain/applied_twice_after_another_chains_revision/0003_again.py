"""Generated on another machine: the index once more, with no other chain between"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_index("ix_members_role_id", "members", ["role_id"])


def downgrade():
    op.drop_index("ix_members_role_id", "members")
