"""Every user at level 1 (notifications-api 0024: 0002 added level, no revision wrote it)"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("UPDATE users SET level = 1")


def downgrade():
    op.execute("UPDATE users SET level = 0")
