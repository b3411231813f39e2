"""SQL built by a helper on the name _SNAPSHOT, through a check the reviewer cannot evaluate
(another revision's SQL with the name replaced, say): what it does to the table is not seen"""
from alembic import op

revision = "0002"
down_revision = "0001"

_SNAPSHOT = "orders_snapshot"


def _replace_exact(source, needle, replacement):
    if source.count(needle) != 1:
        raise RuntimeError("the renderer changed")
    return source.replace(needle, replacement)


def _snapshot_sql():
    return _replace_exact("CREATE TEMP TABLE snapshot AS SELECT id, total FROM orders",
                          "snapshot", _SNAPSHOT)


def upgrade():
    op.execute(_snapshot_sql())
    op.execute("UPDATE orders SET total = 0 WHERE total < 0")
    op.execute(f"DROP TABLE {_SNAPSHOT}")


def downgrade():
    pass
