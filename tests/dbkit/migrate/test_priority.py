"""The migration's long work at a lower CPU priority (``dbkit.migrate.priority``, ``-x nice``).

A nice value cannot be lowered again without privilege, so the helpers run in a child
process (never the test's own): it runs one step of ``dbkit.online`` as a revision would,
prints its own pid and its server process's pid, and keeps the connection open until the
test has read both processes' nice values from ``/proc/PID/stat``.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from dbkit.errors import ConfigError
from dbkit.migrate.options import Options

CHILD = textwrap.dedent("""
    import json, logging, sys
    import sqlalchemy as sa
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext
    from dbkit import online
    from dbkit.migrate import priority

    url, step, nice = sys.argv[1], sys.argv[2], sys.argv[3]
    logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        with Operations.context(MigrationContext.configure(connection)):
            if nice == "default":  # outside a guarded run: as a tool using the helpers
                getattr(online, step)(*json.loads(sys.argv[4]))
            else:
                with priority.using(int(nice)):
                    getattr(online, step)(*json.loads(sys.argv[4]))
        backend = connection.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        print(json.dumps({"own": __import__("os").getpid(), "backend": backend}), flush=True)
        sys.stdin.readline()  # the test reads /proc meanwhile
""")


def nice_of(pid: int) -> int:
    """The nice value as the kernel shows it (``/proc/PID/stat``, field 19)."""
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


def run_step(database_url: str, step: str, nice: str, *args) -> tuple[dict, str]:
    """Run ``online.<step>(*args)`` in a child; ({own, backend: nice value}, its log)."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, database_url, step, nice,
                              json.dumps(args)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line, child.communicate()[1]
        pids = json.loads(line)
        nices = {name: nice_of(pid) for name, pid in pids.items()}
    finally:
        _, log = child.communicate("\n", timeout=60)
    assert child.returncode == 0, log
    return nices, log


@pytest.fixture
def table(engine) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE items (id integer PRIMARY KEY, label text)"))
        conn.execute(sa.text("INSERT INTO items (id) SELECT generate_series(1, 500)"))


def client_nice(engine) -> int:
    with engine.connect() as conn:
        return nice_of(conn.execute(sa.text("SELECT pg_backend_pid()")).scalar())


def test_a_backfill_runs_its_server_process_and_its_own_at_the_runs_nice_value(
        database_url, engine, table):
    nices, log = run_step(database_url, "backfill_in_batches", "7",
                          "items", "label = 'x'", "label IS NULL")
    assert nices == {"own": 7, "backend": 7}, log
    assert "runs at nice 7" in log
    # The clients' server processes keep theirs, and every row was written.
    assert client_nice(engine) == 0
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM items WHERE label = 'x'")).scalar() == 500


def test_an_index_build_is_niced_too(database_url, engine, table):
    nices, _ = run_step(database_url, "create_index", "10", "ix_items_label", "items", ["label"])
    assert nices == {"own": 10, "backend": 10}
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT indisvalid FROM pg_index "
                                    "WHERE indexrelid = 'ix_items_label'::regclass")).scalar()


def test_nice_0_and_a_helper_used_outside_a_guarded_run_leave_every_priority(
        database_url, table):
    for nice in ("0", "default"):
        nices, log = run_step(database_url, "backfill_in_batches", nice,
                              "items", "label = 'x'", "label IS NULL")
        assert nices == {"own": 0, "backend": 0}, (nice, log)
        assert "nice" not in log


def test_a_backfill_with_nothing_to_do_changes_no_priority(database_url, engine, table):
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE items SET label = 'done'"))
    nices, _ = run_step(database_url, "backfill_in_batches", "10",
                        "items", "label = 'x'", "label IS NULL")
    assert nices == {"own": 0, "backend": 0}


def test_x_nice_is_read_and_bad_values_are_refused_in_one_line():
    assert Options.from_x_arguments({}).nice == 10
    assert Options.from_x_arguments({"nice": "0"}).nice == 0
    assert Options.from_x_arguments({"nice": "19"}).nice == 19
    for bad in ("20", "-5", "low"):
        with pytest.raises(ConfigError, match=r"^-x nice must be a whole number from 0 \(off\) "
                                              rf"to 19, not '{bad}'$"):
            Options.from_x_arguments({"nice": bad})


@contextmanager
def forwarder(port: int) -> Iterator[int]:
    """A TCP relay to ``port`` on this machine, as a pooler or a container's published port
    is: the server sees the relay's client port, not ours. Yields the relay's port."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                ours, _ = listener.accept()
            except TimeoutError:
                continue
            theirs = socket.create_connection(("127.0.0.1", port))
            for a, b in ((ours, theirs), (theirs, ours)):
                threading.Thread(target=pump, args=(a, b), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        listener.close()


def test_a_server_process_that_does_not_serve_our_socket_keeps_its_priority(
        database_url, engine, table):
    url = sa.engine.make_url(database_url)
    with forwarder(url.port) as port:
        nices, log = run_step(url.set(port=port).render_as_string(hide_password=False),
                              "backfill_in_batches", "10", "items", "label = 'x'",
                              "label IS NULL")
    # The alembic process is ours: niced. The server process behind the relay is left alone,
    # with a one-line debug note saying why; the backfill itself ran.
    assert nices == {"own": 10, "backend": 0}
    assert "the server process keeps its CPU priority: pid " in log
    assert "does not serve our connection (the server saw client port" in log
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM items WHERE label = 'x'")).scalar() == 500
