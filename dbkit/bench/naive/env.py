"""env.py of the benchmark's naive chain: Alembic's defaults, one transaction for everything.

Without ``transaction_per_migration`` Alembic runs every pending revision in a
single transaction, so each lock taken along the way is held until the end.
"""

from alembic import context

from dbkit import database


def run_migrations_online() -> None:
    engine = database.create_engine(database.resolve(quiet=True))
    try:
        with engine.connect() as connection:
            context.configure(connection=connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


run_migrations_online()
