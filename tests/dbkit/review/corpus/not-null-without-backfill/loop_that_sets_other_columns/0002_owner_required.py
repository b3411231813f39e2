"""Every org gets a workspace; owner becomes required (a loop over orgs that inserts
workspaces sets no owner, and deletes nothing); 0003's loop may set it"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    orgs = conn.execute(sa.text("SELECT o.id, o.owner FROM orgs o")).fetchall()
    for org_id, owner in orgs:
        conn.execute(sa.text("INSERT INTO workspaces (org_id) VALUES (:org_id)"),
                     {"org_id": org_id})
    op.alter_column("orgs", "owner", nullable=False)


def downgrade():
    op.alter_column("orgs", "owner", nullable=True)
