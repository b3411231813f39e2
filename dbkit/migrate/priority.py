"""A migration's long work at a lower CPU priority, as maintenance jobs are run.

On a busy server the slowest client statements during an online migration wait
for a CPU (issue 22, ``slowest_1pct.run_queue`` in ``make bench``): the
migration's own server process, writing a backfill batch or building an index,
holds one. PostgreSQL has no priority setting, but a backend is an operating
system process: when it runs on this machine and we may renice it (``nice``),
the kernel runs the clients' processes first whenever both are ready.

:func:`lower` is called by ``dbkit.online`` before its long steps (each backfill,
each concurrent index build, each ``VALIDATE``). In a guarded run
(``dbkit.migrate.run``) it raises the nice value of the ``alembic`` process and of
the migration's own server process to ``-x nice`` (:data:`NICE`; ``0`` turns it
off). The server process only when it is provably ours: the pid
``pg_backend_pid()`` gives is visible here, is a ``postgres`` process serving our
socket (the client port the server saw is our socket's, and the process title
names it; or both ends are a Unix socket), and is owned by us (or we are root). A
server elsewhere (another host, a container, a managed service, behind a pooler)
gets nothing, and a one-line debug note says why.

Limits: an unprivileged process cannot lower a nice value again, so the server
process stays niced for the rest of the run's connection (its brief exclusive
moments too, which wait at most ``exclusive_lock_timeout`` for their lock and hold
it for milliseconds). With the kernel's autogroups (``sched_autogroup_enabled``),
a nice value orders processes of one session only: the backend against the other
backends of its server, not against unrelated programs.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)

# The nice value of a migration's long work (``-x nice``); 0 leaves every priority as it is.
NICE = 10
_DONE = "dbkit_priority_lowered"

# Off outside a guarded run (``dbkit.migrate.run.online`` sets the run's value): a scratch
# build of the drift check or a tool's own use of the helpers keeps its priority.
_nice: ContextVar[int] = ContextVar("dbkit_migration_nice", default=0)


@contextmanager
def using(nice: int) -> Iterator[None]:
    """The run's ``-x nice`` for the steps of ``dbkit.online`` inside the block."""
    token = _nice.set(nice)
    try:
        yield
    finally:
        _nice.reset(token)


def lower(bind: Connection) -> None:
    """Run this process and ``bind``'s server process at the run's nice value, once per
    connection; nothing (a debug note) when the server process is not ours to renice."""
    nice = _nice.get()
    info = bind.connection.info  # the pool's record of this DBAPI connection
    if nice <= 0 or info.get(_DONE):
        return
    info[_DONE] = True
    at_least(0, nice)
    pid, why_not = own_backend(bind)
    if pid is None:
        log.debug("the server process keeps its CPU priority: %s", why_not)
        return
    try:
        at_least(pid, nice)
    except OSError as exc:
        log.debug("the server process %s keeps its CPU priority: %s", pid, exc.strerror)
        return
    log.debug("the migration's server process %s runs at nice %s", pid, nice)


def at_least(pid: int, nice: int) -> None:
    """Raise ``pid``'s nice value (0: this process) to ``nice``; never lower it."""
    if os.getpriority(os.PRIO_PROCESS, pid) < nice:
        os.setpriority(os.PRIO_PROCESS, pid, nice)


def own_backend(bind: Connection) -> tuple[int | None, str]:
    """(the pid of ``bind``'s server process, '') when it runs on this machine and is ours
    to renice; else (None, why not)."""
    import sqlalchemy as sa

    pid, client_port = bind.execute(
        sa.text("SELECT pg_backend_pid(), inet_client_port()")).one()
    local = local_address(bind)
    try:
        process = Path(f"/proc/{pid}")
        title = (process / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        owner = process.stat().st_uid
    except OSError:
        return None, f"its pid {pid} is not a process here (the server runs elsewhere)"
    if not title.startswith("postgres"):
        return None, f"pid {pid} here is not a PostgreSQL process (the server runs elsewhere)"
    if isinstance(local, tuple) and client_port is not None:
        if local[1] != client_port or f"({client_port})" not in title:
            return None, (f"pid {pid} here does not serve our connection (the server saw "
                          f"client port {client_port}, ours is {local[1]})")
    elif not (local == "" and client_port is None and "[local]" in title):
        return None, f"pid {pid} here does not serve our connection"
    if owner != os.geteuid() and os.geteuid() != 0:
        return None, f"pid {pid} belongs to another user"
    return pid, ""


def local_address(bind: Connection) -> tuple | str | None:
    """Our end of the connection's socket: (host, port, ...) for TCP, '' for a Unix socket,
    None when the driver does not show its socket."""
    fileno = getattr(bind.connection.dbapi_connection, "fileno", None)
    if fileno is None:
        return None
    with socket.socket(fileno=os.dup(fileno())) as sock:
        address = sock.getsockname()
    return address if isinstance(address, tuple) else ""
