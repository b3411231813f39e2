"""Alembic's entry point: how to reach the database, and what the models say.

The database comes from ``dbkit.database`` (``ENV=dev|prod`` picks ``.env.dev``
or ``.env.prod``; ``DATABASE_URL`` in the process environment wins). The rest
is Alembic's generic ``env.py``, plus:

- each revision runs in its own transaction (``transaction_per_migration``),
  so a failing revision leaves the database at the previous one;
- guard rails from ``dbkit.migrate.run``: one migrator at a time (an advisory
  lock), lock and statement timeouts with retries (``-x lock_timeout=5s``,
  ``-x lock_retries=3``), the dev/prod marker, and on prod a backup first and
  ``-x confirm=prod`` for a downgrade or a stamp;
- ``alembic revision`` (by hand or ``--autogenerate``) numbers revisions 0001,
  0002, ... after the highest number in the chain, refusing an id already taken
  (``dbkit/migrate/numbering.py``); autogenerate writes no file when the models
  and the database already agree;
- it asks whether a dropped + added column is a rename (``-x rename=
  recruits.chatname:rocketchat_user`` without a terminal), and never drops a
  table the models never had (``dbkit/migrate/autogen.py``).

Every failure is one line, ``error: ...`` (``dbkit.cli.report_error``), never a traceback.
"""

import sys
from logging.config import fileConfig

from alembic import context

from dbkit import database, errors
from dbkit.cli.report_error import fail_alembic
from dbkit.migrate import autogen, numbering, run
from models import Base

# The Alembic Config object, giving access to the values in alembic.ini.
config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

# The models' MetaData, for autogenerate and `alembic check`.
target_metadata = Base.metadata


def say(line: str) -> None:
    """What this script tells the person running alembic, on stderr beside Alembic's log."""
    print(line, file=sys.stderr)  # noqa: T201 (env.py owns the terminal of an Alembic run)


def get_target() -> database.Target:
    """The database to migrate, announced on stderr (never with its password)."""
    target = database.resolve()
    for line in database.announcement(target):
        say(line)
    return target


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
            fail_alembic(exc)
        if not write:
            directives[:] = []
            return
    # The next number after the highest numeric id, for `alembic revision` with or without
    # --autogenerate (revision_environment = true in alembic.ini); a clash writes no file.
    try:
        given = getattr(config.cmd_opts, "rev_id", None) if config.cmd_opts else None
        numbering.number(script, context.script, given)
    except errors.DbkitError as exc:
        fail_alembic(exc)


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
    """Run migrations in 'online' mode: connect and run them, with the guard rails.

    ``dbkit.migrate.run.online`` connects to ``get_target()``'s database and
    runs each revision in its own transaction, inside the guard rails above.
    """
    run.online(
        context,
        get_target,
        say,
        target_metadata=target_metadata,
        process_revision_directives=process_revision_directives,
        include_object=autogen.include_object,
    )


try:
    if context.is_offline_mode():
        run_migrations_offline()
    else:
        run_migrations_online()
except errors.DbkitError as exc:
    fail_alembic(exc)
