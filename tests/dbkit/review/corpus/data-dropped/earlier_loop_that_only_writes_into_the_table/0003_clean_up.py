"""Registered users lose the write_only role (truenth-portal a33cb61fff11): 0002's loop only
wrote INTO user_roles, so it kept none of these rows: an error"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("DELETE FROM user_roles WHERE role_id = 3 AND user_id IN "
               "(SELECT id FROM users WHERE password IS NOT NULL)")


def downgrade():
    pass
