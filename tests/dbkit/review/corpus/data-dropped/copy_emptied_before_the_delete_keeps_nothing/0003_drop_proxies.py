"""Delete the proxy users: their private rows first, so the copy of 0002 keeps none of them"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("DELETE FROM users_private WHERE user_id IN (SELECT id FROM users WHERE proxy)")
    op.execute("DELETE FROM users WHERE proxy")


def downgrade():
    pass
