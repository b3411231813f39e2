"""Organizations become workspaces: those with no user left are deleted first, the others
copied; the audit log goes whole"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

CLEANUP = """
DELETE FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.org_id = o.id);
DELETE FROM audit a WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.org_id = a.org_id);
"""


def upgrade():
    op.execute(CLEANUP)
    op.create_table("workspaces", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.Text(), nullable=False))
    op.execute("INSERT INTO workspaces (id, name) SELECT id, name FROM organizations")
    op.drop_table("audit")
    op.drop_table("organizations")


def downgrade():
    raise NotImplementedError("organizations are not made again")
