"""Keep the sessions as legacy ones, and clean up what belongs to organizations with no user"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.rename_table("sessions", "sessions_legacy")
    op.execute("DELETE FROM sessions_legacy s WHERE NOT EXISTS "
               "(SELECT 1 FROM users u WHERE u.org_id = s.org_id)")
    op.execute("DELETE FROM notes n WHERE NOT EXISTS "
               "(SELECT 1 FROM users u WHERE u.org_id = n.org_id)")


def downgrade():
    op.rename_table("sessions_legacy", "sessions")
