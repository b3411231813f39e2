"""Drop four columns of runners, each through a helper of the file that builds the SQL from
its arguments; the label is copied first by another such helper"""
from alembic import op

revision = "0002"
down_revision = "0001"

_GUARDED = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_name = '{table}' AND column_name = '{column}') THEN
        ALTER TABLE {table} DROP COLUMN {column};
    END IF;
END $$;
"""


def _drop_column_if_exists(table, column):
    return _GUARDED.format(table=table, column=column)


def _drop_column(table, column):
    statement = f"ALTER TABLE {table} DROP COLUMN {column}"
    return statement


def _drop_from_runners(column, table="runners"):
    op.execute("ALTER TABLE %(table)s DROP COLUMN %(column)s" % {"table": table, "column": column})


def _copy_out(table, column, into):
    return f"INSERT INTO {into} (runner_id, {column}) SELECT id, {column} FROM {table}"


def upgrade():
    op.execute(_drop_column_if_exists("runners", "server_mode"))
    op.execute(_drop_column_if_exists("runners", "secret"))
    op.execute(_drop_column("runners", "region"))
    _drop_from_runners("colour")
    op.execute(_copy_out("runners", "label", "runner_labels"))
    op.execute(_drop_column("runners", "label"))


def downgrade():
    raise NotImplementedError("the dropped values cannot be brought back")
