"""Remove orphan rules and matches; admins become a flag of users"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM rules WHERE NOT EXISTS "
               "(SELECT 1 FROM resources WHERE resources.vmid = rules.vmid)")
    op.execute("DELETE FROM matches WHERE txn_id IS NULL")
    op.execute("UPDATE users SET can_become_admin = TRUE WHERE id IN "
               "(SELECT user_id FROM assignments WHERE role_id = 3)")
    op.execute("DELETE FROM assignments WHERE role_id = 3 AND user_id NOT IN "
               "(SELECT id FROM users WHERE email = 'system@example.com')")


def downgrade():
    pass
