"""Copy each cached address into addresses, one row per address (the newest host's)"""
from alembic import op

revision = "0002"
down_revision = "0001"

SYNC = """
    WITH latest AS (
        SELECT DISTINCT ON (address) id, address, address_seen_at
        FROM hosts
        WHERE address IS NOT NULL
        ORDER BY address, address_seen_at DESC NULLS LAST
    )
    INSERT INTO addresses (host_id, address, seen_at)
    SELECT id, address, address_seen_at FROM latest
    ON CONFLICT (address) DO UPDATE SET host_id = EXCLUDED.host_id, seen_at = EXCLUDED.seen_at
"""


def upgrade():
    op.execute(SYNC)


def downgrade():
    op.execute("DELETE FROM addresses")
