"""The gates: stop seeding and ``alembic upgrade`` on a database changed by hand.

``require_no_drift`` (the seeding scripts) compares a database at head with the
models, cheaply, without a scratch database. ``guard_upgrade`` (``migrations/env.py``,
before ``alembic upgrade``) compares the database with what its stamped revision
makes: it refuses on prod and warns on dev; ``-x allow_drift=yes`` proceeds
deliberately.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dbkit import database, errors, revisions
from dbkit.drift import compare, known, messages
from dbkit.drift.checks import Finding, changes_of, finding_for, findings_for
from dbkit.drift.checks import known as known_revision
from dbkit.drift.compare import DATABASE, MODELS, Change, Rename
from dbkit.drift.expected import RevisionFailed, migrate, scratch_database
from dbkit.drift.messages import ALLOW_DRIFT
from dbkit.errors import DbkitError, DriftFound
from dbkit.pg.admin import SCRATCH_FLAG

if TYPE_CHECKING:
    from alembic.runtime.environment import EnvironmentContext
    from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)


def live_against_models(connection: Connection, target: database.Target) -> list[Finding]:
    """The cheap check for a database at head: the live schema against the models, no scratch."""
    from models import Base

    # The models are the reference here, as the stamped revision is in ``check``.
    return [finding_for(DATABASE, change, target.env, revisions.head())
            for change in changes_of(DATABASE, compare.diff(connection, Base.metadata))]


def require_no_drift(connection: Connection, target: database.Target) -> None:
    """Stop before writing when a database at head does not match the models (seeding calls this).

    Cheap when they match: no scratch database, since at head the models are what the
    database should be. When they differ, says which side moved: the database (changed by
    hand, compared in a scratch database with what its revision makes) or the models (the
    database is exactly what the chain makes: it lacks a revision nobody wrote yet)."""
    from models import Base

    found = live_against_models(connection, target)
    if not found:
        return
    at = revisions.head()
    try:
        hand_made = [h.finding.message for h in hand_made_changes(connection, target.env)]
    except Exception:  # no scratch database here (no CREATEDB, ...): say what differs, neutrally
        raise DbkitError(messages.seeding_refused(target.describe(), [f.message for f in found],
                                                  revisions.drift_command(target.env))) from None
    finally:
        if connection.in_transaction():
            connection.rollback()
    if hand_made:
        raise DbkitError(messages.seeding_refused_hand_made(
            target.describe(), hand_made, revisions.drift_command(target.env)))
    models_ahead = findings_for(MODELS, compare.diff(connection, Base.metadata),
                                target.env, None)
    by_hand = revisions.alembic_command("dev", 'revision -m "..."')
    raise DbkitError(messages.seeding_refused_models_ahead(
        target.describe(), revisions.describe(at),
        [(f.message, f.fix if f.change == "column renamed" else messages.write_by_hand(by_hand))
         for f in models_ahead],
        stamp=revisions.alembic_command("dev", "stamp <that revision>"),
        upgrade=revisions.alembic_command(target.env, "upgrade head")))


def guard_upgrade(connection: Connection, context: EnvironmentContext, target: database.Target,
                  say: Callable[[str], None]) -> None:
    """Before ``alembic upgrade``: refuse on a drifted prod (:class:`DriftFound`), warn on dev.

    ``-x allow_drift=yes`` proceeds deliberately. Only the ``alembic upgrade``
    command is checked (not stamp, the way to record a hand-made change, nor
    downgrade, current or autogenerate; programmatic ``command.upgrade()`` calls,
    such as our scratch databases, are not either), and only databases already
    stamped: a never-migrated database has nothing to compare yet.

    ``target`` is the database the run reached (its caller resolved it). The warning
    goes to ``say``: this runs inside an Alembic command, whose ``env.py`` owns the
    terminal.
    """
    if not is_upgrade(context):
        return
    allowed = context.get_x_argument(as_dictionary=True).get(ALLOW_DRIFT, "").lower() \
        in ("yes", "true", "1")
    env = target.env
    found = drift_before_upgrade(connection, env, say)
    if not found:
        return
    url = connection.engine.url
    where = f"the {env} database {url.host}:{url.port or 5432}/{url.database}"
    said = [f.message for f in found]
    if env == "prod" and not allowed:
        raise DriftFound(messages.upgrade_refused(where, env, said))
    say(messages.upgrade_warned(where, said, allowed))


@dataclass(frozen=True)
class HandMade:
    """A hand-made change of a database: drift's finding, the change itself, and how to write
    the migration that makes it (when the models take it)."""

    finding: Finding
    change: Change | Rename
    migration: str

    @property
    def renamed(self) -> tuple[str, str, str] | None:
        """(table, old, new) when the change is a probable rename."""
        if isinstance(self.change, tuple):
            gone, new = self.change
            return gone.table, gone.column or "", new.column or ""
        return None


def hand_made_changes(connection: Connection, env: str) -> list[HandMade]:
    """How ``connection``'s database differs from what its stamped revision makes.

    Builds the expected schema in a scratch database. Nothing when the database was
    never stamped or is stamped with a revision this repository does not have;
    raises RevisionFailed, DbkitError or OperationalError when it cannot compare.
    """
    from alembic.runtime.migration import MigrationContext

    with compare.quiet():
        stamped = MigrationContext.configure(connection).get_current_heads()
    if len(stamped) != 1 or not known_revision(stamped[0]):
        return []
    at = stamped[0]
    with scratch_database(connection.engine.url) as scratch_engine, \
            scratch_engine.connect() as scratch:
        migrate(scratch, at)
        try:  # the next check of a database at `at` may need no scratch database
            known.remember(scratch, at)
        except Exception as exc:  # best effort
            log.debug("could not record the schema of %s: %s", at, exc)
        if scratch.in_transaction():
            scratch.rollback()
        diffs = compare.against_revision(connection, scratch)
    return [HandMade(finding_for(DATABASE, change, env, at), change, messages.models_fix(change))
            for change in changes_of(DATABASE, diffs)]


def is_what_its_revision_makes(connection: Connection) -> bool:
    """True when the database's schema is the one recorded for its stamped revision
    (``dbkit.drift.known``): then the full check would find nothing."""
    from alembic.runtime.migration import MigrationContext

    with compare.quiet():
        stamped = MigrationContext.configure(connection).get_current_heads()
    if len(stamped) != 1 or not known_revision(stamped[0]):
        return False
    try:
        return known.is_what_revision_makes(connection, stamped[0])
    except Exception as exc:  # a catalog PostgreSQL cannot print: the full check decides
        log.debug("no fingerprint of the database: %s", exc)
        connection.rollback()
        return False


def is_upgrade(context: EnvironmentContext) -> bool:
    """The ``alembic upgrade`` command, run by a person (not a scratch build, not offline)."""
    config = context.config
    if config.attributes.get(SCRATCH_FLAG) or context.is_offline_mode():
        return False
    command = getattr(config.cmd_opts, "cmd", None)
    if not command:
        return False
    return getattr(command[0], "__name__", "") == "upgrade"


def upgrading_an_empty_database(connection: Connection, context: EnvironmentContext) -> bool:
    """True before ``alembic upgrade`` of a database with nothing in it: what the upgrade makes
    is then what a scratch build of the chain makes (``remember_what_upgrade_made``)."""
    if not is_upgrade(context):
        return False
    began = not connection.in_transaction()
    try:
        return not known.stamped(connection) and known.is_empty(connection)
    except Exception as exc:
        log.debug("could not tell whether the database is empty: %s", exc)
        return False
    finally:
        if began and connection.in_transaction():
            connection.rollback()


def remember_what_upgrade_made(connection: Connection, at: str | None) -> None:
    """After an upgrade from an empty database to ``at`` (the run's own context reads it: a
    new one would log Alembic's start-up lines again): its schema is what ``at`` makes."""
    began = not connection.in_transaction()
    try:
        if at is not None and known_revision(at):
            known.remember(connection, at)
    except Exception as exc:  # best effort: without the record, the next check builds a scratch
        log.debug("could not record the schema the upgrade made: %s", exc)
    finally:
        if began and connection.in_transaction():
            connection.rollback()


def drift_before_upgrade(connection: Connection, env: str, say: Callable[[str], None]
                         ) -> list[Finding]:
    from sqlalchemy.exc import OperationalError

    from dbkit.state import marker

    began = not connection.in_transaction()
    try:
        marked = marker.marked_environment(connection)
        if marked is not None and marked[0] != env:
            return []  # the marker check that comes next refuses: no scratch database for it
        if is_what_its_revision_makes(connection):
            return []  # exactly the schema a scratch build of its revision made: no scratch
        return [h.finding for h in hand_made_changes(connection, env)]
    except RevisionFailed as failed:  # the stamped revision cannot be rebuilt: say so, go on
        say(messages.could_not_check_before_upgrade(
            f"{failed}; `{revisions.drift_command(env)}` explains"))
        return []
    except (DbkitError, OperationalError) as exc:
        # E.g. a lock another session holds on a table we reflect: the migration's own
        # lock timeout and retries will deal with it.
        say(messages.could_not_check_before_upgrade(errors.reason(exc)))
        return []
    finally:
        if began and connection.in_transaction():
            connection.rollback()
