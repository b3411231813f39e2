"""Taking a backup: one ``pg_dump`` into a mode-600 ``.partial`` file, renamed when complete."""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dbkit.backup import files
from dbkit.database import Target
from dbkit.errors import BackupFailed, BackupLockTimeout
from dbkit.masking import mask_password
from dbkit.pg import admin, clients

log = logging.getLogger(__name__)

FAILED = "backup failed, nothing was changed"
_LOCKED_TABLE = re.compile(r"LOCK TABLE (\S+) IN ")
_SCRIPT_LINE = re.compile(r"^psql:<stdin>:\d+: ")  # where in the streamed dump: not useful
_ERROR_LINE = re.compile(r"\b(ERROR|FATAL|PANIC):|: error: ")


@dataclass(frozen=True)
class Taken:
    """A backup taken on request: where it went and the revision it holds."""

    path: Path
    revision: str | None


def take_now(target: Target, keep: int | None = None) -> Taken:
    """``python -m dbkit backup``: check the database is the one ``ENV`` names, then dump it."""
    from dbkit import database, revisions
    from dbkit.state import marker

    with database.connected(target) as (_, connection):
        marker.require_environment(connection, target)
        at = revisions.current(connection)
        major = clients.server_major(connection)
    return Taken(take(target, f"at-{at or 'base'}", major, keep=keep), at)


def take(target: Target, what: str, server_major: int, lock_wait_timeout_ms: int = 60_000,
         keep: int | None = None) -> Path:
    """Dump ``target`` into ``<backups>/<env>-<UTC time>-<what>.dump``; a failure raises.

    ``pg_dump`` waits at most ``lock_wait_timeout_ms`` for each table's lock
    (a failure then is :class:`BackupLockTimeout`, naming the table and who
    holds it). Afterwards only the newest ``keep`` backups of this
    environment stay (default ``DBKIT_BACKUP_KEEP`` or 10), never this one.
    The rehearsal of prod (:func:`kind_of`) is a kind of its own: its backups
    are ``rehearsal-*.dump`` and never count toward prod's ``keep``.
    """
    keep = files.keep_from_environment() if keep is None else keep
    folder = files.backup_dir()
    files.ensure_dir(folder)
    files.remove_stale_partials(folder)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kind = kind_of(target)
    final = folder / f"{kind}-{stamp}-{what}.dump"
    number = 1
    while final.exists():  # two in one second
        number += 1
        final = folder / f"{kind}-{stamp}-{what}-{number}.dump"
    partial = folder / f".{final.name}.{os.getpid()}.partial"
    pg_dump = clients.program("pg_dump", server_major)
    argv = [pg_dump, "--format=custom", f"--lock-wait-timeout={lock_wait_timeout_ms}",
            f"--file={partial}", *clients.connection_flags(target.url)]
    log.info("backing up the %s into %s", target.describe(), final)
    # Mode 600 from the first byte: pg_dump writes into the file we made.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        try:
            result = clients.run(argv, clients.environment(target.url, "dbkit backup"))
        except OSError as exc:
            raise BackupFailed(f"{FAILED}: cannot run {pg_dump}: {exc.strerror}") from None
        if result.returncode != 0:
            raise failure(result, target, lock_wait_timeout_ms)
        partial.replace(final)
    finally:
        partial.unlink(missing_ok=True)
    log.info("backup taken: %s (%s)", final, files.human_size(final.stat().st_size))
    for old in files.prune(kind, keep, spare=final, folder=folder):
        log.info("removed the old backup %s (keeping the newest %s)", old.name, keep)
    return final


def kind_of(target: Target) -> str:
    """``dev``, ``prod``, or ``rehearsal`` when the database reached is the rehearsal of prod
    that ``python -m dbkit step`` made (its database comment starts ``dbkit:rehearsal``)."""
    import sqlalchemy as sa

    from dbkit import database

    if target.env != "prod":
        return target.env
    engine = database.create_engine(target, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            comment = connection.execute(sa.text(
                "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database "
                "WHERE datname = current_database()")).scalar() or ""
    except sa.exc.DBAPIError:
        comment = ""  # pg_dump says why it cannot reach it
    finally:
        engine.dispose()
    return files.REHEARSAL if comment.startswith(admin.REHEARSAL_MARK) else target.env


def failure(result: subprocess.CompletedProcess, target: Target,
            lock_wait_timeout_ms: int) -> BackupFailed:
    """The cause of a failed pg_dump, as one line: a lock it could not get, or its error."""
    output = result.stderr or ""
    # pg_dump's --lock-wait-timeout is a statement_timeout around its LOCK TABLE statements.
    if "LOCK TABLE" in output and ("statement timeout" in output or "lock timeout" in output):
        table = _LOCKED_TABLE.search(output)
        name = table.group(1) if table else "a table"
        return BackupLockTimeout(
            f"{FAILED}: pg_dump waited {lock_wait_timeout_ms} ms for a lock on {name}, which "
            f"{lock_holders(target, name)}: try again when it is done")
    return BackupFailed(f"{FAILED}: {cause(result)}")


def cause(result: subprocess.CompletedProcess) -> str:
    """The error line of a client program (not its detail or hint lines), masked."""
    lines = (result.stderr or result.stdout or "").strip().splitlines()
    errors = [line for line in lines if _ERROR_LINE.search(line)]
    if errors:
        return mask_password(_SCRIPT_LINE.sub("", errors[0]))
    if lines:
        return mask_password(lines[-1])
    if result.returncode < 0:
        return f"{Path(result.args[0]).name} was killed by {signal.Signals(-result.returncode).name}"
    return f"{Path(result.args[0]).name} exited with code {result.returncode}"


def lock_holders(target: Target, table: str) -> str:
    """'pid 123 (psql, idle in transaction since 10:15:02 UTC) holds', for the message."""
    import sqlalchemy as sa

    from dbkit import database

    engine = database.create_engine(target, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text(
                "SELECT a.pid, coalesce(nullif(a.application_name, ''), 'a client'), a.state, "
                "       to_char(a.xact_start AT TIME ZONE 'UTC', 'HH24:MI:SS') "
                "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.granted AND l.mode = 'AccessExclusiveLock' "
                "  AND l.relation = to_regclass(:table) ORDER BY a.pid"), {"table": table}).all()
    except sa.exc.DBAPIError:
        rows = []
    finally:
        engine.dispose()
    if not rows:
        return "another session held"
    who = ", ".join(f"pid {pid} ({app}, {state} since {since} UTC)"
                    for pid, app, state, since in rows)
    return f"{who} {'holds' if len(rows) == 1 else 'hold'}"
