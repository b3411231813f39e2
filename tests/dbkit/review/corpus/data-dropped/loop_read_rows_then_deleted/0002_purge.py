"""Purge the three-digit identifiers a loop picks (truenth 458e56eedb92)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, value FROM identifiers WHERE system = 'study'"))
    kill_ids = []
    for id_, value in rows:
        if len(value) == 3:
            kill_ids.append(id_)
    conn.execute(sa.text("DELETE FROM user_identifiers WHERE identifier_id = ANY(:ids)"),
                 {"ids": kill_ids})
    conn.execute(sa.text("DELETE FROM identifiers WHERE id = ANY(:ids)"), {"ids": kill_ids})


def downgrade():
    pass
