"""The project's migration helpers (imported by revisions)."""
from alembic import op


def archive_column(table, column):
    op.execute(f"CREATE TABLE {table}_{column}_archive AS SELECT id, {column} FROM {table}")
