"""Column helpers."""

import sqlalchemy as sa
from alembic import op


def column_exists(cls, column_name):
    inspector = sa.inspect(op.get_bind())
    return column_name in [c["name"] for c in inspector.get_columns(cls.__tablename__)]


def drop_column(cls, col):
    if not column_exists(cls, col):
        return
    with op.batch_alter_table(cls.__tablename__, recreate="auto") as batch_op:
        batch_op.drop_column(col)
