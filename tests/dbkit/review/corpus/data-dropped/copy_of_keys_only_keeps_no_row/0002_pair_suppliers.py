"""Pair each supplier of a user with g6: only the users' supplier_id is copied, no user row"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("INSERT INTO supplier_frameworks (supplier_id, framework) "
               "SELECT DISTINCT users.supplier_id, 'g6' FROM users")


def downgrade():
    op.execute("DELETE FROM supplier_frameworks")
