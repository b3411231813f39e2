"""The benchmark's PostgreSQL server: its settings, its WAL files, a settled copy per phase.

Durable defaults (fsync, synchronous_commit, full_page_writes on) plus the few
settings of :func:`server_settings`; the WAL files a server that has run a while
has (:func:`reserve_wal`); and each phase's copy of the table, settled as a table
long in prod is (:func:`copy_settled`).
"""

from __future__ import annotations

import contextlib
import math
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dbkit.pg.server import Server

# PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes on), with:
# its evidence (every lock wait past 10 ms in the log; the time each WAL write and flush
# took, in pg_stat_io); shared_buffers sized for the table, as on a prod server (the
# default 128MB made the migration write 1.9 GB of evicted pages itself at 1,000,000
# rows, which the clients' WAL flushes then waited behind); and the WAL of a migration
# (about 1.5 GB per 1,000,000 rows) in WAL files made beforehand (``reserve_wal``) and
# kept by ``min_wal_size``, with ``max_wal_size`` twice that, so no checkpoint is forced
# mid-upgrade (the default 1GB forced five into a 1,000,000-row upgrade, each followed by
# a burst of full-page images).
SERVER_SETTINGS = ("log_lock_waits=on", "deadlock_timeout=10ms", "track_wal_io_timing=on",
                   "shared_buffers=2GB")
WAL_RESERVE_MB_PER_MILLION_ROWS = 2048


def wal_reserve_mb(rows: int) -> int:
    """The WAL files to make beforehand for a migration of ``rows`` (at least 256 MB)."""
    return max(256, math.ceil(WAL_RESERVE_MB_PER_MILLION_ROWS * rows / 1_000_000))


def server_settings(rows: int) -> tuple[str, ...]:
    """``SERVER_SETTINGS`` and the WAL room for a migration of ``rows`` recruits."""
    reserve = wal_reserve_mb(rows)
    return (*SERVER_SETTINGS, f"min_wal_size={reserve}MB",
            f"max_wal_size={max(4096, 2 * reserve)}MB")


def reserve_wal(server: Server, megabytes: int) -> None:
    """Make the server's WAL files once, as a server that has run a while has them.

    A new WAL file is written full of zeros first (``wal_init_zero``: a client whose
    commit needs the new file waits for that); after that each flush only overwrites
    blocks the file already has, and a checkpoint keeps (recycles) up to ``min_wal_size``
    of them for reuse. A fresh server has none: this writes ``megabytes`` of WAL files
    (one tiny write and ``pg_switch_wal()`` per 16 MB file) and checkpoints, so the
    phases find them made, as on a prod server whose ``min_wal_size`` holds a migration's
    WAL.
    """
    with connection(server, server.database) as conn:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SHOW wal_segment_size")
            segment_mb = int(cur.fetchone()[0].removesuffix("MB"))
            cur.execute("CREATE TABLE bench_wal_reserve (n int)")
            for _ in range(math.ceil(megabytes / segment_mb)):
                cur.execute("INSERT INTO bench_wal_reserve VALUES (1); SELECT pg_switch_wal()")
            cur.execute("DROP TABLE bench_wal_reserve")
            cur.execute("CHECKPOINT")


def copy_settled(server: Server, name: str, template: str) -> None:
    """``name``, a copy of ``template`` as settled as a table long in prod, for one phase.

    The copy is made file by file (``STRATEGY FILE_COPY``: PostgreSQL 15's default writes
    the whole template to the WAL and leaves it dirty in ``shared_buffers``, which the next
    phase would then flush under its clients); then its statistics (``ANALYZE``: a new
    database has none, and autovacuum would take them during the phase), a
    ``CHECKPOINT`` and the operating system's own writeback (``sync``), so the idle, ours
    and naive phases all start from the same settled state with nothing left to write.
    """
    from dbkit.pg.admin import MADE_BY_DBKIT

    with connection(server, server.database) as conn:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
            cur.execute(f'COMMENT ON DATABASE "{name}" IS %s', (MADE_BY_DBKIT,))
    with connection(server, name) as conn:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("VACUUM (FREEZE, ANALYZE) recruits")
            cur.execute("CHECKPOINT")
    os.sync()


def connection(server: Server, database: str) -> contextlib.closing[Any]:
    import psycopg2

    return contextlib.closing(psycopg2.connect(
        host="127.0.0.1", port=server.port, user=server.user, password=server.password,
        dbname=database, application_name="dbkit-bench"))
