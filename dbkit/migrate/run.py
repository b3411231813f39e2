"""The one entry point ``migrations/env.py`` calls for an online Alembic run.

Alembic runs each revision in its own transaction and nothing more. A run
through :func:`online` also:

- takes the migration lock (``lock.py``): one migrator at a time per database;
- sets ``lock_timeout`` and ``statement_timeout`` on its connection from
  ``-x`` (``options.py``) and follows one retry policy for whole revisions and
  the steps of ``dbkit.online`` (``retry.py``); every ``op.*`` statement that takes
  a lock clients conflict with (``ALTER TABLE``, ``DROP``, ...) waits for it only
  briefly (``-x exclusive_lock_timeout``, 20 ms) and is retried in a savepoint
  (``retry.brief_lock``), so clients never queue long behind it;
- checks the environment marker of the database it reached, and on prod asks
  for ``-x confirm=prod`` before a downgrade or stamp and takes a backup
  before any change (``prod_gate.py``);
- refuses an upgrade of a prod database changed by hand (``dbkit.drift``);
- turns every failure into a :class:`DbkitError` (Ctrl-C: :class:`Interrupted`),
  which ``env.py`` shows as one line (``dbkit.cli.report_error``).

It prints nothing: what the person at the terminal should read goes to the ``say``
callback ``env.py`` hands in, or to the ``dbkit`` loggers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dbkit import backup, database, errors, project, revisions, state
from dbkit.database import Target
from dbkit.errors import DbkitError, Interrupted, Refused
from dbkit.migrate import plan, prod_gate, retry
from dbkit.migrate.options import Options

# The flag on the Alembic config of a scratch database (dbkit.drift.alembic_config_for),
# and the names scratch databases have: both defined once, in dbkit.pg.admin.
from dbkit.pg.admin import SCRATCH_FLAG, SCRATCH_PREFIX
from dbkit.state import lock, marker, progress

if TYPE_CHECKING:
    from alembic.runtime.environment import EnvironmentContext
    from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)


def options_of(context: EnvironmentContext) -> Options:
    """Timeouts, retries, backup and confirmation, from ``alembic -x key=value``."""
    return Options.from_x_arguments(context.get_x_argument(as_dictionary=True))


def online(context: Any, target: Callable[[], Target], say: Callable[[str], None],
           **configure: Any) -> None:
    """Run the Alembic command in progress on a live database, with the guard rails.

    ``context`` is ``alembic.context`` (an EnvironmentContext); ``target`` finds
    the database (``env.py``'s ``get_target``); ``say`` shows a warning to the
    person running the command (the drift gate's); ``configure`` goes to
    ``context.configure`` (``target_metadata``, ``include_object``, ...).
    Raises :class:`DbkitError` for every failure a user can cause or meet.
    """
    handed_in = context.config.attributes.get("connection")
    if handed_in is not None:
        require_scratch(context.config.attributes, handed_in)
        _configure(context, handed_in, None, configure)
        _run(context, None)
        return

    from sqlalchemy.exc import SQLAlchemyError

    # The chain in use is Alembic's own configuration (-c, script_location): every message
    # and check below names its revisions, and its models are env.py's target_metadata.
    revisions.use(project.from_config(context.config), configure.get("target_metadata"))
    where = target()
    options = options_of(context)
    for warning in options.warnings(where):
        log.warning("%s", warning)
    engine = database.create_engine(where, connect_args=options.connect_args())
    try:
        with database.connect(engine, where) as connection:
            _configure(context, connection, where, configure)
            with retry.using(retry.Policy(options.lock_timeout_ms, options.lock_retries,
                                          options.exclusive_lock_timeout_ms,
                                          options.exclusive_lock_tries)):
                guarded(context, connection, where, options, say)
    except retry.StepLockTimeout as exc:
        where_now, command = where_it_stands(engine, where)
        raise retry.StepLockTimeout(
            f"{exc}; {where_now}: run `{command or 'the same command'}` again later to finish "
            "it") from None
    except DbkitError:
        raise
    except KeyboardInterrupt:
        # Ctrl-C: one line saying where things stand (exit 130: dbkit.cli.report_error).
        raise MigrationInterrupted(describe_interruption(engine, where)) from None
    except SQLAlchemyError as exc:  # a revision failed; its transaction was rolled back
        if isinstance(root_cause(exc, KeyboardInterrupt), KeyboardInterrupt):
            # Ctrl-C in a query: SQLAlchemy dropped the connection, and Alembic's
            # autocommit block failed on it afterwards.
            raise MigrationInterrupted(describe_interruption(engine, where)) from None
        raise DbkitError(describe_failure(exc, engine, where)) from None
    finally:
        engine.dispose()


class MigrationInterrupted(Interrupted):
    """Ctrl-C during a run: what finished stays, an online revision can be finished."""



def require_scratch(attributes: dict, connection: Connection) -> None:
    """A connection handed in to Alembic runs without the guard rails, so only a drift
    check's scratch database may come that way: flagged by the drift code, named
    ``dbkit_scratch_*`` on the server actually reached, without an environment marker.
    Anything else is refused before any write (commands run ``alembic`` as a process)."""
    import sqlalchemy as sa

    began = not connection.in_transaction()
    name = connection.execute(sa.text("SELECT current_database()")).scalar() or ""
    marked = marker.marked_environment(connection)
    if began and connection.in_transaction():
        connection.rollback()
    if not attributes.get(SCRATCH_FLAG) or not name.startswith(SCRATCH_PREFIX):
        raise Refused(
            f"alembic was handed a connection to the database {name}: that is only for the "
            f"drift check's scratch databases ({SCRATCH_PREFIX}*), which need no guard rails; "
            "run `alembic` as a command instead; nothing was changed")
    if marked is not None:
        raise Refused(f"the scratch database {name} is marked {marked[0]}, so it is not a "
                      "scratch database; nothing was changed")


def guarded(context: EnvironmentContext, connection: Connection, target: Target,
            options: Options, say: Callable[[str], None]) -> None:
    """The migration lock around the checks and the revisions."""
    from dbkit import drift
    from dbkit.drift import gates

    # The lock spans every revision's transaction: a second migrator waits here.
    with lock.one_migrator_at_a_time(connection):
        if plan.writes(context):  # the right database first: before any scratch database
            marker.require_environment(connection, target)
        if not finishing_an_interrupted_run(context, connection, target):
            # A database changed by hand stops a prod upgrade and warns on dev
            # (`alembic -x allow_drift=yes upgrade head` proceeds deliberately).
            drift.guard_upgrade(connection, context, target, say)
        # From an empty database, the upgrade makes what a scratch build would: recorded, so
        # the drift check of the next upgrade needs no scratch database (dbkit.drift.known).
        from_empty = gates.upgrading_an_empty_database(connection, context)
        prod_gate.check_before_writing(context, connection, target, options)
        command = finishing_command(context, target)
        retry.run_revisions(lambda: _run(context, command), context, connection)
        if from_empty:
            gates.remember_what_upgrade_made(connection, plan.current(context))
        if plan.writes(context):  # done: the backup before its first attempt may go in turn
            backup.unpin(target.env)


def finishing_an_interrupted_run(context: EnvironmentContext, connection: Connection,
                                 target: Target) -> bool:
    """True when this command re-runs the revision a killed run left unfinished.

    Then the schema is between two revisions on purpose, and the drift gate,
    which would call it changed by hand, is skipped. Any other writing command
    on prod (but a confirmed stamp) is refused until the interrupted revision is
    finished.
    """
    if not plan.writes(context):
        return False
    found = progress.interrupted(connection)
    connection.commit()
    if found is None:
        return False
    steps = plan.planned_steps(context)
    if steps and steps[0].is_upgrade and steps[0].revision.revision == found.revision:
        log.warning("%s: running it again to finish it", found.describe())
        return True
    if target.env == "prod" and not plan.is_stamp(context):  # a stamp is confirmed on its own
        raise Refused(f"{found.describe()}; finish it first with `{found.command}`; "
                      "nothing was changed")
    log.warning("%s; `%s` finishes it", found.describe(), found.command)
    return False


def finishing_command(context: EnvironmentContext, target: Target) -> str:
    """The command to record for an interrupted run: the one that was running."""
    revision = getattr(context.config.cmd_opts, "revision", None) or plan.destination(context)
    return revisions.alembic_command(target.env, f"upgrade {revision}")


def _configure(context: EnvironmentContext, connection: Connection, target: Target | None,
               configure: dict[str, Any]) -> None:
    callbacks = [marker.environment_marker(target.env), progress.finished] if target else []
    context.configure(
        connection=connection,
        transaction_per_migration=True,
        include_name=state.include_name,
        on_version_apply=callbacks,  # type: ignore[arg-type]
        **configure,
    )


def _run(context: EnvironmentContext, command: str | None) -> None:
    """Alembic's run; in a guarded run, each step is announced to ``progress`` first."""
    if command is None:
        with context.begin_transaction():
            context.run_migrations()
        return
    from dbkit import alembic_compat

    migration = context.get_context()
    try:
        with alembic_compat.each_step(migration, lambda step: progress.starting(step, command)), \
                alembic_compat.around_each_statement(migration, brief_when_exclusive), \
                context.begin_transaction():
            context.run_migrations()
    finally:
        progress.stopped()


def brief_when_exclusive(connection: Connection, sql: str, execute: Callable[[], Any]) -> Any:
    """A revision's ``op.*`` statement: one that takes a lock clients conflict with waits for
    it only briefly and is retried (``retry.brief_lock``, in a savepoint); others run as is."""
    if not retry.needs_brief_lock(sql):
        return execute()
    return retry.brief_lock(connection, execute, sql)


def describe_failure(exc: Exception, engine: Engine, target: Target) -> str:
    """One line for a revision that failed: why, and where the database stands now."""
    where, command = where_it_stands(engine, target)
    why = errors.reason(root_cause(exc))
    if command:
        return f"the migration failed: {why}; {where}: fix the cause and run `{command}` again " \
               "to finish it"
    return (f"the migration failed: {why}; {where}: fix the cause and run it again "
            f"(`{revisions.drift_command(target.env)}` shows what differs)")


def root_cause(exc: BaseException, kind: type[BaseException] | None = None) -> BaseException:
    """The driver's error (or ``kind``) behind SQLAlchemy's follow-up ones: a connection cut in
    an autocommit block fails again as Alembic ends the block ("Can't reconnect until invalid
    transaction is rolled back"), hiding why."""
    from sqlalchemy.exc import DBAPIError

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind or DBAPIError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return exc


def describe_interruption(engine: Engine, target: Target) -> str:
    where, command = where_it_stands(engine, target)
    return f"interrupted: {where}: `{command or revisions.alembic_command(target.env, 'upgrade head')}` " \
           f"finishes it"


def where_it_stands(engine: Engine, target: Target) -> tuple[str, str | None]:
    """('the prod database ... stays at 0007 (...), and revision 0008 (...) was interrupted
    at step 1 of 4 (...)', the command that finishes it), read afresh."""
    from sqlalchemy.exc import SQLAlchemyError

    command = None
    try:
        with engine.connect() as connection:
            at = revisions.describe(revisions.current(connection))
            where = f"the {target.describe()} stays at {at}"
            found = progress.interrupted(connection)
            if found is not None:
                where += f", and {found.describe()}"
                command = found.command
    except (SQLAlchemyError, DbkitError):  # the server went away too: say what we know
        where = f"the {target.describe()} keeps every revision that finished"
    return where, command
