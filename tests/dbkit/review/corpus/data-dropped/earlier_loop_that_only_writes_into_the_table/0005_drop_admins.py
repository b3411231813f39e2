"""The admin role goes: 0004's loop read user_roles' rows and wrote them to the audit, which
may be a copy: no error"""
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade():
    op.execute("DELETE FROM user_roles WHERE role_id = 1")


def downgrade():
    pass
