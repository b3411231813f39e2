"""Alembic's entry point: how to reach the database, and what the models say.

The database comes from ``dbkit.database`` (``ENV=dev|prod`` picks ``.env.dev``
or ``.env.prod``; ``DATABASE_URL`` in the process environment wins). The rest
is Alembic's generic ``env.py``, plus:

- each revision runs in its own transaction (``transaction_per_migration``),
  so a failing revision leaves the database at the previous one;
- ``alembic revision --autogenerate`` numbers revisions 0001, 0002, ... and
  writes no file when the models and the database already agree.
"""

from logging.config import fileConfig

from alembic import context

from dbkit import database, drift
from models import Base

# The Alembic Config object, giving access to the values in alembic.ini.
config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

# The models' MetaData, for autogenerate and `alembic check`.
target_metadata = Base.metadata


def get_target() -> database.Target:
    """The database to migrate, announced on stderr (never with its password)."""
    try:
        target = database.resolve()
    except database.DbkitError as exc:
        raise SystemExit(f"error: {exc}") from None
    database.announce(target)
    return target


def process_revision_directives(context, revision, directives) -> None:
    """Number new revisions in sequence, and write nothing when nothing changed."""
    script = directives[0]
    if config.cmd_opts and getattr(config.cmd_opts, "autogenerate", False) \
            and script.upgrade_ops.is_empty():
        directives[:] = []
        print("No changes in the models: no revision written.")
        return
    if script.rev_id and not (config.cmd_opts and getattr(config.cmd_opts, "rev_id", None)):
        head = context.script.get_current_head()
        script.rev_id = f"{int(head) + 1:04d}" if head and head.isdigit() else "0001"


def run_migrations_offline() -> None:
    """Run migrations in 'offline' mode: print the SQL instead of running it.

    Needs only a URL, not a running database: ``alembic upgrade head --sql``.
    """
    context.configure(
        url=get_target().url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        transaction_per_migration=True,
    )

    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run migrations in 'online' mode: connect and run them.

    Tests may hand in an open connection as ``config.attributes["connection"]``.
    """
    connection = config.attributes.get("connection")
    if connection is not None:
        do_run_migrations(connection)
        return

    target = get_target()
    engine = database.create_engine(target)
    try:
        with database.connect(engine, target) as connection:
            do_run_migrations(connection)
    except database.DbkitError as exc:
        raise SystemExit(f"error: {exc}") from None
    finally:
        engine.dispose()


def do_run_migrations(connection) -> None:
    # Before an upgrade: a database changed by hand stops prod, warns on dev
    # (`-x allow_drift=yes` proceeds deliberately; `python -m dbkit drift` explains).
    drift.guard_upgrade(connection, context)
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        transaction_per_migration=True,
        process_revision_directives=process_revision_directives,
    )

    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
