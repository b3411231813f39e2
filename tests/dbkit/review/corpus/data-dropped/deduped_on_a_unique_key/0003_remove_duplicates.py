"""Remove duplicates before new constraints: the newest row of each group wins"""
from alembic import op

revision = "0003"
down_revision = "0002"

DEDUPE = """
    WITH ranked AS (
        SELECT id, row_number() OVER (PARTITION BY {keys} ORDER BY created_at DESC, id DESC) AS rn
        FROM {table}
    )
    DELETE FROM {table} USING ranked WHERE {table}.id = ranked.id AND ranked.rn > 1
"""


def upgrade():
    op.execute(DEDUPE.format(table="rules", keys="host, port, protocol"))
    op.execute(DEDUPE.format(table="tunnels", keys="vmid, service"))
    op.execute(DEDUPE.format(table="tunnels", keys="visitor_port"))
    op.execute(DEDUPE.format(table="rules", keys="host, port"))


def downgrade():
    pass
