"""Orphans deleted on the tables marked "B" only (short-term-trading-engine 20260524_0600)"""
from alembic import op

revision = "0002"
down_revision = "0001"

_TABLES_AND_PATHS: tuple[tuple[str, str], ...] = (
    ("interviews", "A"),
    ("offers", "B"),
)


def upgrade() -> None:
    for table, path in _TABLES_AND_PATHS:
        if path == "B":
            op.execute(f"DELETE FROM {table} WHERE recruit_id IS NULL")
        if path not in ("B",):
            op.execute(f"UPDATE {table} SET recruit_name = recruit_name")


def downgrade() -> None:
    pass  # the orphans are not restored
