"""Shorten the names of both tables, row by row, each table in place"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _shorten(table):
    conn = op.get_bind()
    t = sa.Table(table, sa.MetaData(), autoload_with=conn)
    for row in conn.execute(t.select()):
        op.execute(t.update().where(t.c.id == row.id).values(name=row.name[:50]))


def upgrade():
    _shorten("cohorts")
    _shorten("recruits")


def downgrade():
    pass
