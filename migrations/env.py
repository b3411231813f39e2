"""Alembic's entry point: how to reach the database, and what the models say.

The database comes from ``dbkit.database`` (``ENV=dev|prod`` picks ``.env.dev``
or ``.env.prod``; ``DATABASE_URL`` in the process environment wins). The rest
is Alembic's generic ``env.py``, plus:

- each revision runs in its own transaction (``transaction_per_migration``),
  so a failing revision leaves the database at the previous one;
- guard rails from ``dbkit.migrate.guard``: one migrator at a time (an advisory lock),
  lock and statement timeouts with retries, the dev/prod marker, and on prod
  a backup first and ``-x confirm=prod`` for a downgrade;
- ``alembic revision --autogenerate`` numbers revisions 0001, 0002, ... and
  writes no file when the models and the database already agree;
- it asks whether a dropped + added column is a rename (``-x rename=
  recruits.chatname:rocketchat_user`` without a terminal), and never drops a
  table the models never had (``dbkit/migrate/autogen.py``).
"""

from logging.config import fileConfig

from alembic import context
from sqlalchemy.exc import DBAPIError

from dbkit import database, drift, errors
from dbkit.migrate import autogen, guard, marker
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
    except errors.DbkitError as exc:
        errors.fail(exc)
    database.announce(target)
    return target


def get_guard_options() -> guard.Options:
    """Timeouts, retries, backup and confirmation, from ``alembic -x key=value``."""
    try:
        return guard.Options.from_x_arguments(context.get_x_argument(as_dictionary=True))
    except errors.DbkitError as exc:
        errors.fail(exc)


def process_revision_directives(context, revision, directives) -> None:
    """Number new revisions in sequence, and write nothing when nothing changed."""
    script = directives[0]
    autogenerate = config.cmd_opts and getattr(config.cmd_opts, "autogenerate", False)
    if autogenerate:  # hand-made changes, renames (dbkit/migrate/autogen.py)
        try:
            write = autogen.prepare(script, context.connection,
                                    getattr(config.cmd_opts, "x", None) or [],
                                    ask=autogen.default_ask(), say=print)
        except errors.DbkitError as exc:
            errors.fail(exc)
        if not write:
            directives[:] = []
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
    options = get_guard_options()
    engine = database.create_engine(target, connect_args=options.connect_args())
    try:
        with database.connect(engine, target) as connection:
            do_run_migrations(connection, target, options)
    except errors.DbkitError as exc:
        errors.fail(exc)
    except DBAPIError as exc:  # a revision failed; its transaction was rolled back
        errors.fail(errors.DbkitError(guard.describe_failure(exc, engine, target)))
    finally:
        engine.dispose()


def do_run_migrations(connection, target: database.Target | None = None,
                      options: guard.Options | None = None) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        transaction_per_migration=True,
        process_revision_directives=process_revision_directives,
        include_name=marker.include_name,
        include_object=autogen.include_object,
        on_version_apply=[marker.environment_marker(target.env)] if target else [],
    )

    def run_migrations() -> None:
        with context.begin_transaction():
            context.run_migrations()

    if target is None:  # a connection handed in by a test is the caller's: no guard rails
        run_migrations()
        return
    # The lock spans every revision's transaction: a second migrator waits here.
    with guard.one_migrator_at_a_time(connection):
        # A database changed by hand stops a prod upgrade and warns on dev
        # (`-x allow_drift=yes` proceeds deliberately; `python -m dbkit drift` explains).
        drift.guard_upgrade(connection, context)
        guard.check_before_writing(context, connection, target, options)
        guard.retry_lock_timeouts(run_migrations, context, connection, options)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
