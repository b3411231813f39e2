"""Sync once more, then drop the host-level cache"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"

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
    op.drop_column("hosts", "address_seen_at")
    op.drop_column("hosts", "address")


def downgrade():
    op.add_column("hosts", sa.Column("address", sa.String(64), nullable=True))
    op.add_column("hosts", sa.Column("address_seen_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE hosts SET address = a.address, address_seen_at = a.seen_at "
               "FROM addresses a WHERE a.host_id = hosts.id")
