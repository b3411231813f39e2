"""Restoring a backup: the whole database replaced in one transaction, or not at all.

``pg_restore`` turns the archive into SQL and streams it straight into
``psql`` (no copy of the data on disk): ``BEGIN``, drop every user schema,
the dump, the target's own environment marker, ``COMMIT``. If anything fails
or this process is killed before the ``COMMIT``, ``psql``'s connection ends
and PostgreSQL rolls it all back.

It runs as the role of the target URL (the database owner, not a superuser),
so a hostile dump can do no more than that role could (no ``COPY ... TO
PROGRAM``), and PostgreSQL 17.6+ clients refuse ``psql`` meta-commands
inside a dump (``\\restrict``). It holds the migration lock while it works,
and on prod asks for the database name to be typed (a :class:`Questioner`,
handed in) and takes a backup first.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit.backup.take import cause, take
from dbkit.database import Target
from dbkit.errors import BackupFailed, ConfigError, LockTimeout, Refused
from dbkit.pg import clients
from dbkit.pg.admin import quote_ident

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

FAILED = "restore failed, nothing was changed"
# The key of the migration lock that `alembic upgrade` holds (dbkit.migrate, b"dbkt").
MIGRATION_LOCK_KEY = 0x64626B74


# -- asking before replacing prod (Django's questioner: an object handed in) --------------------

class Questioner:
    """How the prod confirmation is asked. Tests hand in their own."""

    def can_ask(self) -> bool:
        return False

    def ask(self, prompt: str) -> str:
        raise NotImplementedError


class TerminalQuestioner(Questioner):
    """Asks on the terminal; cannot ask when stdin is not one."""

    def can_ask(self) -> bool:
        return sys.stdin.isatty()

    def ask(self, prompt: str) -> str:
        try:
            return input(prompt)
        except EOFError:
            return ""


class Answers(Questioner):
    """Answers given in advance, one per question (for tests and scripts)."""

    def __init__(self, *answers: str):
        self.answers = list(answers)
        self.asked: list[str] = []

    def can_ask(self) -> bool:
        return True

    def ask(self, prompt: str) -> str:
        self.asked.append(prompt)
        return self.answers.pop(0) if self.answers else ""


def confirm_prod(target: Target, file: Path, questioner: Questioner) -> None:
    """Go on only if the prod database name is typed exactly; else :class:`Refused`."""
    name = target.url.database
    if not questioner.can_ask():
        raise Refused(f"restoring into the {target.describe()} replaces all its data: "
                      "run it in a terminal to confirm, or pass --yes-i-mean-prod")
    typed = questioner.ask(f"This replaces every row of the {target.describe()} with {file.name}.\n"
                           f"Type the database name ({name}) to go on: ").strip()
    if typed != name:
        raise Refused(f"{typed!r} is not {name!r}: nothing was changed")


# -- the restore ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Restored:
    before: str | None  # the revision the database was at
    after: str | None  # the revision of the restored dump
    backup: Path | None  # the backup taken first (prod)


def restore(target: Target, file: Path, questioner: Questioner, *, confirmed: bool = False,
            lock_wait_timeout_ms: int = 60_000) -> Restored:
    """Replace the database of ``target`` with the backup ``file``."""
    import sqlalchemy as sa

    from dbkit import database, revisions
    from dbkit.state import marker

    if not file.is_file():
        raise ConfigError(f"{file} is not a file: `python -m dbkit backups` lists them")
    engine = database.create_engine(target, poolclass=sa.pool.NullPool)
    try:
        with database.connect(engine, target) as connection:
            if target.env == "prod":
                marker.require_environment(connection, target)
            else:  # a dev restore may not replace prod, nor someone's unmarked data
                marker.require_disposable(connection, target, "restore")
            major = clients.server_major(connection)
            at = revisions.current(connection)
            connection.commit()
            if target.env == "prod" and not confirmed:
                confirm_prod(target, file, questioner)
            with migration_lock(connection, target):
                taken = None
                if target.env == "prod":
                    taken = take(target, f"at-{at or 'base'}-before-restore", major,
                                 lock_wait_timeout_ms=lock_wait_timeout_ms)
                replace_database(target, file, user_schemas(connection), major)
                now_at = revisions.current(connection)
                connection.commit()
    finally:
        engine.dispose()
    return Restored(at, now_at, taken)


@contextlib.contextmanager
def migration_lock(connection: Connection, target: Target) -> Iterator[None]:
    """Hold the migration lock (as ``alembic upgrade`` does); a migration running stops us."""
    import sqlalchemy as sa

    got = connection.execute(sa.text("SELECT pg_try_advisory_lock(:k)"),
                             {"k": MIGRATION_LOCK_KEY}).scalar()
    connection.commit()
    if not got:
        raise LockTimeout(f"{FAILED}: a migration is running on the {target.describe()} "
                          "(it holds the migration lock): run the restore when it is done")
    try:
        yield
    finally:
        if not connection.closed and not connection.invalidated:
            if connection.in_transaction():
                connection.rollback()
            connection.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
            connection.commit()


def user_schemas(connection: Connection) -> list[str]:
    import sqlalchemy as sa

    names = list(connection.execute(sa.text(
        "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
        "AND nspname <> 'information_schema' ORDER BY nspname")).scalars())
    connection.commit()
    return names


def script_around(target: Target, schemas: Sequence[str]) -> tuple[str, str]:
    """The SQL before the dump (drop what is there) and after it (this database's marker)."""
    from dbkit.state import marker

    before = ["BEGIN;", "SET search_path TO pg_catalog;"]
    before += [f"DROP SCHEMA {quote_ident(s)} CASCADE;" for s in schemas]
    before += ["CREATE SCHEMA public;", "GRANT USAGE ON SCHEMA public TO PUBLIC;"]
    # Whatever marker the dump held (another environment's, or none), this database keeps its own.
    after = ["SET search_path TO pg_catalog;", marker.replace_marker_sql(target.env), "COMMIT;"]
    return "\n".join(before) + "\n", "\n".join(after) + "\n"


def psql_beside(pg_restore: str, server_major: int) -> str:
    """The psql of the same installation as ``pg_restore`` (a DBKIT_PSQL override wins)."""
    import os

    beside = Path(pg_restore).with_name("psql")
    if not os.environ.get("DBKIT_PSQL") and beside.is_file():
        return str(beside)
    return clients.program("psql", server_major)


def replace_database(target: Target, file: Path, schemas: Sequence[str], server_major: int) -> None:
    """Drop what is there and load ``file``, in one transaction, streamed (no temp copy)."""
    pg_restore = clients.program("pg_restore", server_major)
    psql = psql_beside(pg_restore, server_major)
    environ = clients.environment(target.url, "dbkit restore")
    before, after = script_around(target, schemas)
    children: list[subprocess.Popen] = []
    stderr: dict[int, _Stderr] = {}
    try:
        try:
            reader = clients.popen([pg_restore, "--no-owner", "--no-privileges", "--file=-",
                                    str(file)], environ, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            children.append(reader)
            loader = clients.popen([psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1",
                                    "--file=-", *clients.connection_flags(target.url)], environ,
                                   stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
            children.append(loader)
        except OSError as exc:
            raise BackupFailed(f"{FAILED}: cannot run {exc.filename}: {exc.strerror}") from None
        stderr.update({child.pid: _Stderr(child) for child in children})
        assert reader.stdout is not None and loader.stdin is not None
        try:
            loader.stdin.write(before.encode())
            shutil.copyfileobj(reader.stdout, loader.stdin, 1 << 16)
            if reader.wait() != 0:
                # No COMMIT was sent: ending psql rolls back everything it ran.
                loader.kill()
                loader.wait()
                raise BackupFailed(f"{FAILED}: {stderr[reader.pid].cause()}")
            loader.stdin.write(after.encode())
            loader.stdin.close()
        except BrokenPipeError:  # psql stopped at an error (ON_ERROR_STOP), rolled back
            pass
        if loader.wait() != 0:
            raise BackupFailed(f"{FAILED}: {stderr[loader.pid].cause()}")
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
            child.wait()
            if child.pid in stderr:  # its reader is done once the child's end is closed
                stderr[child.pid].thread.join(timeout=5)
            for stream in (child.stdin, child.stdout, child.stderr):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()


class _Stderr:
    """A child's stderr, read in a thread so a chatty child never blocks on a full pipe."""

    def __init__(self, child: subprocess.Popen):
        self.child = child
        self.chunks: list[bytes] = []
        stream = child.stderr
        self.thread = threading.Thread(
            target=lambda: self.chunks.extend(iter(stream.read, b"")) if stream else None,
            daemon=True)
        self.thread.start()

    def cause(self) -> str:
        self.thread.join(timeout=5)
        text = b"".join(self.chunks).decode(errors="replace")
        return cause(subprocess.CompletedProcess(self.child.args, self.child.returncode or 0,
                                                 "", text))
