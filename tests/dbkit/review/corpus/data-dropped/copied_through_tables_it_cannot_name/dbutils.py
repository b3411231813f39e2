"""The project's migration helpers (imported by revisions)."""
import sqlalchemy as sa


def load_table(name, connection):
    return sa.Table(name, sa.MetaData(), autoload_with=connection)
