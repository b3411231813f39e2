"""Shorten every chatname, row by row: the whole row is read, only chatname is written"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _shorten(table, column_name):
    meta = sa.MetaData()
    conn = op.get_bind()
    t = sa.Table(table, meta, autoload_with=conn)
    for row in conn.execute(t.select()):
        op.execute(t.update().where(t.c.id == row.id).values(
            {column_name: getattr(row, column_name)[:50]}))


def upgrade():
    _shorten("recruits", "chatname")


def downgrade():
    pass
