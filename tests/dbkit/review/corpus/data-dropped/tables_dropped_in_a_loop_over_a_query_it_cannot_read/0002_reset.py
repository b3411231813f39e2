"""Drop the tables a query picks by more than their schema: which, the reviewer cannot say"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
        "AND tablename LIKE 'tmp_%'")).fetchall()
    for (table_name,) in rows:
        op.execute(sa.text(f'DROP TABLE IF EXISTS "{table_name}"'))


def downgrade():
    raise RuntimeError("not reversible")
