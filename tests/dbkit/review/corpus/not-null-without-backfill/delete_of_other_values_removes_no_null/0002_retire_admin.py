"""Delete the Admin rows: a WHERE role_name = 'Admin' never picks a NULL role_name"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM roles WHERE role_name = 'Admin' AND user_id = 1")
    op.execute("DELETE FROM roles WHERE scope LIKE 'tmp%'")


def downgrade():
    pass
