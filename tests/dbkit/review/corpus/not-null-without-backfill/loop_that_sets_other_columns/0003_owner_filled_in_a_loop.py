"""The same NOT NULL after a loop that may set owner"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("orgs", "owner", nullable=True)
    conn = op.get_bind()
    for (org_id,) in conn.execute(sa.text("SELECT id FROM orgs")).fetchall():
        conn.execute(sa.text("UPDATE orgs SET owner = 'admin' WHERE id = :i"), {"i": org_id})
    op.alter_column("orgs", "owner", nullable=False)


def downgrade():
    pass
