"""Table helpers."""

import sqlalchemy as sa
from alembic import op


def table_exists(table_name):
    return table_name in sa.inspect(op.get_bind()).get_table_names()


def drop_table(cls=None, table_name=None):
    if cls is not None:
        table_name = cls.__tablename__
    if table_name and table_exists(table_name):
        op.drop_table(table_name)
