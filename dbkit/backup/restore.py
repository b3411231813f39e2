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
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from dbkit.backup.take import cause, take
from dbkit.database import Target
from dbkit.errors import BackupFailed, ConfigError, LockTimeout, Refused, reason
from dbkit.pg import clients
from dbkit.pg.admin import quote_ident

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)

FAILED = "restore failed, nothing was changed"


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

# How long a restore waits for the sessions writing the target (or reading it, when it
# drops it) before giving up, unless told to stop them (``terminate_sessions``).
WAIT_FOR_SESSIONS_S = 300.0


@dataclass(frozen=True)
class Restored:
    before: str | None  # the revision the database was at
    after: str | None  # the revision of the restored dump
    backup: Path | None  # the backup taken first (prod)


def restore(target: Target, file: Path, questioner: Questioner, *, confirmed: bool = False,
            foreign_ok: bool = False, terminate_sessions: bool = False,
            wait_for_sessions_s: float = WAIT_FOR_SESSIONS_S,
            say: Callable[[str], None] = log.warning,
            lock_wait_timeout_ms: int = 60_000) -> Restored:
    """Replace the database of ``target`` with the backup ``file``.

    In turn: the migration lock (a migration running refuses it); a dump that is
    not of this project's chain (:func:`foreign_because`) only with ``foreign_ok``;
    on prod the name typed (unless ``confirmed``). Then the restore's own transaction
    locks every table against writes *before* the backup of prod is taken, so every
    row committed before it is in that backup and none can be committed after it:
    sessions still writing are waited for (``say`` names them) or, with
    ``terminate_sessions``, ended. Then the tables are dropped and the dump loaded,
    in the same transaction.
    """
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
            if not foreign_ok:
                why = foreign_because(file, major)
                if why is not None:
                    raise Refused(f"{file.name} is not a backup of this project's chain ({why}): "
                                  "restoring it replaces every table of the "
                                  f"{target.describe()}; pass --foreign-dump if you mean it; "
                                  "nothing was changed")
            if target.env == "prod" and not confirmed:
                confirm_prod(target, file, questioner)
            with migration_lock(connection, target):
                with Loader(target, major) as loader:
                    tables = user_tables(connection)
                    loader.lock(tables, "EXCLUSIVE")
                    loader.wait(connection, "write to", terminate_sessions, wait_for_sessions_s,
                                say)
                    taken = None
                    if target.env == "prod":
                        taken = take(target, f"at-{at or 'base'}-before-restore", major,
                                     lock_wait_timeout_ms=lock_wait_timeout_ms)
                    loader.lock(tables, "ACCESS EXCLUSIVE")
                    loader.wait(connection, "read", terminate_sessions, wait_for_sessions_s, say)
                    loader.load(file, user_schemas(connection))
                now_at = revisions.current(connection)
                connection.commit()
    finally:
        engine.dispose()
    return Restored(at, now_at, taken)


@contextlib.contextmanager
def migration_lock(connection: Connection, target: Target) -> Iterator[None]:
    """Hold the migration lock (as ``alembic upgrade`` does); a migration running stops us."""
    import sqlalchemy as sa

    from dbkit.state import lock

    if not lock._try_migration_lock(connection):
        raise LockTimeout(f"{FAILED}: a migration is running on the {target.describe()} "
                          f"(it holds the migration lock: {lock.migration_lock_holder(connection)})"
                          ": run the restore when it is done")
    try:
        yield
    finally:
        if not connection.closed and not connection.invalidated:
            if connection.in_transaction():
                connection.rollback()
            connection.execute(sa.text("SELECT pg_advisory_unlock(:k)"),
                               {"k": lock.MIGRATION_LOCK_KEY})
            connection.commit()


def foreign_because(file: Path, server_major: int) -> str | None:
    """Why ``file`` is not a dump of this project's chain, or None when it is one: it must
    hold ``alembic_version`` at a revision of the chain in use, and an environment marker."""
    from dbkit import project
    from dbkit.state import marker

    pg_restore = clients.program("pg_restore", server_major)
    environ = dict(os.environ)
    try:
        listed = clients.run([pg_restore, "--list", str(file)], environ)
    except OSError as exc:
        raise BackupFailed(f"{FAILED}: cannot run {exc.filename}: {exc.strerror}") from None
    if listed.returncode != 0:
        raise BackupFailed(f"{FAILED}: {cause(listed)}")
    tables = {tuple(line.split()[4:6]) for line in listed.stdout.splitlines()
              if not line.startswith(";") and " TABLE " in line and " TABLE DATA " not in line}
    if not any(name == "alembic_version" for _, name in tables):
        return "it holds no alembic_version table"
    data = clients.run([pg_restore, "--data-only", "--table=alembic_version", "--file=-",
                        str(file)], environ)
    if data.returncode != 0:
        raise BackupFailed(f"{FAILED}: {cause(data)}")
    found = versions_in(data.stdout)
    if not found:
        return "its alembic_version is empty: no revision"
    known = {script.revision for script in project.in_use().script().walk_revisions()}
    unknown = sorted(found - known)
    if unknown:
        return f"its revision {', '.join(v[:40] for v in unknown)} is not in this project's chain"
    if not any(name == marker.MARKER_TABLE for _, name in tables):
        return f"it holds no environment marker ({marker.MARKER_TABLE})"
    return None


def versions_in(sql: str) -> set[str]:
    """The rows of the ``COPY ... alembic_version`` block of a data-only SQL dump."""
    found: set[str] = set()
    inside = False
    for line in sql.splitlines():
        if line.startswith("COPY ") and "alembic_version" in line:
            inside = True
        elif inside and line == "\\.":
            inside = False
        elif inside and line.strip():
            found.add(line.split("\t")[0].strip())
    return found


def user_tables(connection: Connection) -> list[str]:
    """Every table of the user schemas, schema-qualified and quoted, for LOCK TABLE."""
    import sqlalchemy as sa

    names = list(connection.execute(sa.text(
        "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
        "AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' "
        "ORDER BY 1")).scalars())
    connection.commit()
    return names


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

    before = ["SET search_path TO pg_catalog;"]  # the transaction began with the locks
    before += [f"DROP SCHEMA {quote_ident(s)} CASCADE;" for s in schemas]
    before += ["CREATE SCHEMA public;", "GRANT USAGE ON SCHEMA public TO PUBLIC;"]
    # Whatever marker the dump held (another environment's, or none), this database keeps its own.
    after = ["SET search_path TO pg_catalog;", marker.replace_marker_sql(target.env), "COMMIT;"]
    return "\n".join(before) + "\n", "\n".join(after) + "\n"


def psql_beside(pg_restore: str, server_major: int) -> str:
    """The psql of the same installation as ``pg_restore`` (a DBKIT_PSQL override wins)."""
    beside = Path(pg_restore).with_name("psql")
    if not os.environ.get("DBKIT_PSQL") and beside.is_file():
        return str(beside)
    return clients.program("psql", server_major)


class Loader:
    """The restore's one transaction: a ``psql`` fed on its standard input.

    ``lock`` sends a ``LOCK TABLE`` and ``wait`` waits until psql has it (saying
    who is in the way); ``load`` drops every user schema, streams the dump
    from ``pg_restore`` (no copy of the data on disk), writes this database's
    marker and commits. Ending it without ``load`` (an error, a kill) closes
    psql's connection before any COMMIT: PostgreSQL rolls everything back.
    """

    def __init__(self, target: Target, server_major: int):
        self.target = target
        self.pg_restore = clients.program("pg_restore", server_major)
        self.psql = psql_beside(self.pg_restore, server_major)
        self.environ = clients.environment(target.url, "dbkit restore")
        self.children: list[subprocess.Popen] = []
        self.stderr: dict[int, _Stderr] = {}
        self.said: list[str] = []
        self.heard = threading.Condition()
        self.backend_pid: int | None = None
        self.ended = False

    def __enter__(self) -> Loader:
        try:
            self.psql_child = clients.popen(
                [self.psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--tuples-only",
                 "--no-align", "--file=-", *clients.connection_flags(self.target.url)],
                self.environ, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE)
        except OSError as exc:
            raise BackupFailed(f"{FAILED}: cannot run {exc.filename}: {exc.strerror}") from None
        self._started(self.psql_child)
        threading.Thread(target=self._listen, daemon=True).start()
        self._send("BEGIN;\nSELECT 'dbkit-backend ' || pg_backend_pid();\n")
        return self

    def __exit__(self, *_: object) -> None:
        for child in self.children:
            if child.poll() is None:
                child.kill()
            child.wait()
            if child.pid in self.stderr:  # its reader is done once the child's end is closed
                self.stderr[child.pid].thread.join(timeout=5)
            for stream in (child.stdin, child.stdout, child.stderr):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()

    def _started(self, child: subprocess.Popen) -> None:
        self.children.append(child)
        self.stderr[child.pid] = _Stderr(child)

    def _listen(self) -> None:
        """psql's output: our markers (the dump's own SELECTs print lines too)."""
        stream = self.psql_child.stdout
        assert stream is not None
        for raw in iter(stream.readline, b""):
            line = raw.decode(errors="replace").strip()
            with self.heard:
                if line.startswith("dbkit-backend "):
                    self.backend_pid = int(line.split()[1])
                self.said.append(line)
                self.heard.notify_all()
        with self.heard:
            self.ended = True
            self.heard.notify_all()

    def _send(self, sql: str) -> None:
        assert self.psql_child.stdin is not None
        try:
            self.psql_child.stdin.write(sql.encode())
            self.psql_child.stdin.flush()
        except BrokenPipeError:
            self._failed()

    def _failed(self) -> NoReturn:
        self.psql_child.wait()
        raise BackupFailed(f"{FAILED}: {self.stderr[self.psql_child.pid].cause()}")

    def lock(self, tables: Sequence[str], mode: str) -> None:
        self.waiting_for = f"dbkit-locked {mode}"
        sql = f"LOCK TABLE {', '.join(tables)} IN {mode} MODE;\n" if tables else ""
        self._send(f"{sql}\\echo {self.waiting_for}\n")

    def wait(self, connection: Connection, doing: str, terminate: bool, limit_s: float,
             say: Callable[[str], None]) -> None:
        """Until psql holds its locks: name the sessions in its way, or end them."""
        import time

        deadline = time.monotonic() + limit_s
        told: set[int] = set()
        while True:
            with self.heard:
                self.heard.wait_for(lambda: self.waiting_for in self.said or self.ended,
                                    timeout=0.5)
                if self.waiting_for in self.said:
                    return
                if self.ended:
                    self._failed()
            if self.backend_pid is None:
                continue
            blocking = sessions_in_the_way(connection, self.backend_pid)
            if not blocking:
                continue
            if terminate:
                for pid, who in blocking.items():
                    say(f"ending session {who} (--terminate-sessions)")
                    end_session(connection, pid)
                continue
            if set(blocking) != told:
                told = set(blocking)
                say(f"waiting for {len(blocking)} session(s) that {doing} the "
                    f"{self.target.describe()}: {'; '.join(blocking.values())} "
                    "(--terminate-sessions ends them)")
            if time.monotonic() > deadline:
                raise LockTimeout(
                    f"{FAILED}: after {limit_s:.0f} s these sessions still {doing} the "
                    f"{self.target.describe()}: {'; '.join(blocking.values())}: let them "
                    "finish, or pass --terminate-sessions")

    def load(self, file: Path, schemas: Sequence[str]) -> None:
        """Drop what is there, load ``file``, re-mark and commit: the one transaction ends."""
        before, after = script_around(self.target, schemas)
        try:
            reader = clients.popen([self.pg_restore, "--no-owner", "--no-privileges", "--file=-",
                                    str(file)], self.environ, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as exc:
            raise BackupFailed(f"{FAILED}: cannot run {exc.filename}: {exc.strerror}") from None
        self._started(reader)
        loader = self.psql_child
        assert reader.stdout is not None and loader.stdin is not None
        try:
            loader.stdin.write(before.encode())
            shutil.copyfileobj(reader.stdout, loader.stdin, 1 << 16)
            if reader.wait() != 0:
                # No COMMIT was sent: ending psql rolls back everything it ran.
                loader.kill()
                loader.wait()
                raise BackupFailed(f"{FAILED}: {self.stderr[reader.pid].cause()}")
            loader.stdin.write(after.encode())
            loader.stdin.close()
        except BrokenPipeError:  # psql stopped at an error (ON_ERROR_STOP), rolled back
            pass
        if loader.wait() != 0:
            raise BackupFailed(f"{FAILED}: {self.stderr[loader.pid].cause()}")


def sessions_in_the_way(connection: Connection, pid: int) -> dict[int, str]:
    """{pid: 'pid 123 (seed, user recruits from 127.0.0.1, in a transaction since 10:15:02
    UTC)'} for the sessions holding locks the restore's session waits for."""
    import sqlalchemy as sa

    found = connection.execute(sa.text(
        "SELECT a.pid, coalesce(nullif(a.application_name, ''), 'a client'), "
        "       coalesce(a.usename::text, '?'), coalesce(host(a.client_addr), 'a local socket'), "
        "       coalesce(to_char(a.xact_start AT TIME ZONE 'UTC', 'HH24:MI:SS'), '?') "
        "FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids(:pid)) ORDER BY a.pid"),
        {"pid": pid}).all()
    connection.commit()
    return {row[0]: f"pid {row[0]} ({row[1]}, user {row[2]} from {row[3]}, in a transaction "
                    f"since {row[4]} UTC)" for row in found}


def end_session(connection: Connection, pid: int) -> None:
    import sqlalchemy as sa

    try:
        connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        connection.commit()
    except sa.exc.DBAPIError as exc:
        connection.rollback()
        raise Refused(f"{FAILED}: cannot end session {pid}: {reason(exc)}") from None


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
