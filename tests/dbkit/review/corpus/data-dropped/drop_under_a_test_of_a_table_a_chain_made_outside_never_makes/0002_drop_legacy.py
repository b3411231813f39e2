"""drop the legacy tables where they are left"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def _table_exists(name):
    return name in sa.inspect(op.get_bind()).get_table_names()


def upgrade():
    if _table_exists("buy_records"):
        op.drop_table("buy_records")
    for name in ("orders",):
        if _table_exists(name):
            op.drop_table(name)


def downgrade():
    pass
