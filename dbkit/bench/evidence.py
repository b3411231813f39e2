"""PostgreSQL's own evidence of what clients waited for while a migration ran.

Three sources, all read during or around one phase of the benchmark:

- :class:`WaitSampler`: ``pg_stat_activity`` sampled every few milliseconds from
  a thread; each sample counts, per session kind (the benchmark's clients, the
  migration, the checkpointer, autovacuum, ...), what it was doing: a wait event
  (``Lock:transactionid``, ``LWLock:WALWrite``, ``IO:WalSync``, ...) or ``CPU``
  (active, waiting for nothing);
- :func:`stats` / :func:`delta`: ``pg_stat_wal``, ``pg_stat_checkpointer`` and
  ``pg_stat_io`` before and after, as the counters that moved;
- :func:`lock_waits`: the lines ``log_lock_waits`` wrote to the server's log
  (the server runs with ``deadlock_timeout`` low, so every wait past it is logged),
  with the lock waited for and how long;
- the operating system's own count of the time each client's server process spent
  ready to run but waiting for a CPU (``run_delay`` of ``/proc/PID/schedstat``, the
  benchmark's server being local): a wait event is set around a wait and cleared by the
  process once it runs again, so a process whose flush has ended but that waits for a
  CPU is still sampled in ``IO:WalSync``; on a busy 2-core machine that queue is much of
  the tail (:func:`in_the_slowest`, ``run_queue``).
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
import threading
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from psycopg2.extensions import cursor

CLIENT_APP = "dbkit-bench"
SAMPLER_APP = "dbkit-bench-sampler"
SAMPLE_INTERVAL_S = 0.01
CLIENT_STATEMENTS = ("UPDATE RECRUITS SET SURNAME", "SELECT * FROM RECRUITS WHERE ID")
# Log lines, e.g. "process 812 acquired ShareLock on transaction 1234 after 35.2 ms".
_WAIT_LINE = re.compile(r"process \d+ (still waiting for|acquired) (\w+) on (\w+)"
                        r"(?: \d+)?.*? after ([\d.]+) ms")


class WaitSampler(threading.Thread):
    """Counts what each kind of session was doing, sampled from ``pg_stat_activity``."""

    def __init__(self, connect_kwargs: dict, interval_s: float = SAMPLE_INTERVAL_S) -> None:
        super().__init__(name="bench-wait-sampler", daemon=True)
        self.connect_kwargs = {**connect_kwargs, "application_name": SAMPLER_APP}
        self.interval_s = interval_s
        self.counts: Counter = Counter()
        self.samples = 0
        self.steps: list[tuple[float, str]] = []  # (wall clock, the migration's statement)
        # (wall clock, "update" or "read", what it was doing): each client, each sample
        self.client_samples: list[tuple[float, str, str]] = []
        self.dirty_mb_max = 0.0  # the most written-but-unflushed data in the OS's page cache
        # (wall clock, MB the kernel was writing back to disk): each sample; a WAL flush that
        # lands in a write-back of a few hundred MB waits behind it (docs/performance.md)
        self.writeback: list[tuple[float, float]] = []
        # (wall clock, "update" or "read", ns its server process has waited for a CPU so far):
        # each client's server process, each sample, busy or idle (empty where /proc has none)
        self.run_queue: list[tuple[float, str, int]] = []
        self._client_pids: dict[str, int] = {}
        self._stop_event = threading.Event()

    def run(self) -> None:
        import psycopg2

        conn = psycopg2.connect(**self.connect_kwargs)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                # the clients' server processes, known from the start (they have run already)
                cur.execute("SELECT pid, query FROM pg_stat_activity WHERE application_name = %s",
                            (CLIENT_APP,))
                for pid, query in cur.fetchall():
                    self._learn(pid, query)
                while not self._stop_event.is_set():
                    at = time.time()  # the view's snapshot is taken as the query starts
                    cur.execute(
                        "SELECT application_name, backend_type, "
                        "coalesce(wait_event_type || ':' || wait_event, 'CPU'), "
                        "left(regexp_replace(query, '\\s+', ' ', 'g'), 90), pid "
                        "FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                        "AND (state = 'active' OR backend_type <> 'client backend') "
                        "AND coalesce(wait_event_type, '') NOT IN ('Activity', 'Client')")
                    self.samples += 1
                    now = time.time()
                    dirty, writeback = os_page_cache_mb()
                    self.dirty_mb_max = max(self.dirty_mb_max, dirty)
                    self.writeback.append((now, writeback))
                    for app, backend, what, query, pid in cur.fetchall():
                        kind = who(app, backend)
                        self.counts[(kind, what)] += 1
                        if kind == "migration" and (not self.steps or self.steps[-1][1] != query):
                            self.steps.append((now, query))
                        elif kind == "clients":
                            self.client_samples.append((at, client_kind(query), what))
                            self._learn(pid, query)
                    for client, pid in self._client_pids.items():
                        delay = run_delay_ns(pid)
                        if delay is not None:
                            self.run_queue.append((time.time(), client, delay))
                    time.sleep(self.interval_s)
        finally:
            conn.close()

    def _learn(self, pid: int, query: str | None) -> None:
        """Which server process serves which client (the benchmark's own statements, under the
        same application name, are neither)."""
        if (query or "").lstrip().upper().startswith(CLIENT_STATEMENTS):
            self._client_pids[client_kind(query)] = pid

    def stop(self) -> dict:
        """Stop sampling; per session kind, the share of samples in each state (top 6)."""
        self._stop_event.set()
        self.join(10)
        shares: dict = {"samples": self.samples, "os_dirty_mb_max": round(self.dirty_mb_max, 1),
                        "os_writeback_mb_max": max((mb for _, mb in self.writeback), default=0.0)}
        for (kind, what), n in self.counts.most_common():
            found = shares.setdefault(kind, {})
            if len(found) < 6:
                found[what] = round(n / max(self.samples, 1), 3)
        return shares


def client_kind(query: str | None) -> str:
    """The benchmark's client a statement is from: ``update`` or ``read``."""
    return "update" if (query or "").lstrip().upper().startswith("UPDATE") else "read"


def slowest_percent(clients: list[dict], sampler: WaitSampler, started: float,
                    seconds: float) -> dict:
    """What the clients waited for in their slowest 1 % of statements during a phase
    (:func:`in_the_slowest`); ``clients`` are the benchmark clients' reports, their
    timelines of (wall clock at start, ms)."""
    statements = [(at, ms, c["kind"]) for c in clients for at, ms in c["timeline"]
                  if started <= at <= started + seconds]
    return in_the_slowest(statements, sampler.client_samples, sampler.steps,
                          run_queue=sampler.run_queue)


def in_the_slowest(statements: list[tuple[float, float, str]],
                   samples: list[tuple[float, str, str]], steps: list[tuple[float, str]],
                   pct: float = 99, top_n: int = 8,
                   run_queue: list[tuple[float, str, int]] | None = None) -> dict:
    """What the clients were doing during their slowest statements, and what the migration ran.

    ``statements`` are (wall clock at start, ms, client kind); the slowest are the
    ``100 - pct`` % that take longest (at least one). Each sample of the same client taken while one of
    them ran counts its wait event (or ``CPU``); each slow statement counts the
    migration's statement at its start (numbers folded). Shares of the samples, counts of
    the statements, the most frequent first. With ``run_queue`` (:class:`WaitSampler`'s),
    ``run_queue`` says how long the client's server process waited for a CPU during its
    slow statements (the readings just before and just after each): the median in ms, and
    how many waited for a CPU at least half their time.
    """
    if not statements:
        return {}
    count = max(1, math.ceil(len(statements) * (100 - pct) / 100))
    slowest = sorted(statements, key=lambda s: -s[1])[:count]
    threshold = slowest[-1][1]
    slow = sorted((at, at + ms / 1000, kind) for at, ms, kind in slowest)
    waits: Counter = Counter()
    during: Counter = Counter()
    for start, _, _ in slow:
        during[re.sub(r"\d+", "N", step_at(steps, start))[:90] or "(none)"] += 1
    by_time = sorted(samples)
    index = 0
    for start, end, kind in slow:  # both sorted by start: one pass
        while index < len(by_time) and by_time[index][0] < start:
            index += 1
        probe = index
        while probe < len(by_time) and by_time[probe][0] <= end:
            if by_time[probe][1] == kind:
                waits[by_time[probe][2]] += 1
            probe += 1
    sampled = sum(waits.values())
    found = {
        "threshold_ms": round(threshold, 2),
        "statements": len(slow),
        "updates": sum(1 for *_, kind in slow if kind == "update"),
        "samples": sampled,
        "waits": {what: round(n / sampled, 3) for what, n in waits.most_common(top_n)},
        "during": dict(during.most_common(top_n)),
    }
    queued: list[tuple[float, float]] = []
    for start, ms, kind in slowest if run_queue else []:
        waited = queued_ms(run_queue or [], kind, start, start + ms / 1000)
        if waited is not None:
            queued.append((ms, waited))
    if queued:
        found["run_queue"] = {
            "statements": len(queued),
            "median_ms": round(statistics.median(q for _, q in queued), 2),
            "mostly_waiting_for_a_cpu": sum(1 for ms, q in queued if q >= ms / 2),
        }
    return found


def queued_ms(run_queue: list[tuple[float, str, int]], kind: str, start: float,
              end: float) -> float | None:
    """Milliseconds ``kind``'s server process waited for a CPU from ``start`` to ``end``:
    the readings just before and just after (None without both)."""
    before = after = None
    for at, client, delay in run_queue:
        if client != kind:
            continue
        if at <= start:
            before = delay
        elif at >= end:
            after = delay
            break
    if before is None or after is None:
        return None
    return (after - before) / 1e6


def run_delay_ns(pid: int) -> int | None:
    """Nanoseconds process ``pid`` has spent ready to run but waiting for a CPU
    (``/proc/PID/schedstat``); None where there is no such file (another machine, another OS)."""
    try:
        with Path(f"/proc/{pid}/schedstat").open() as schedstat:
            return int(schedstat.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None


def os_page_cache_mb(meminfo_path: Path = Path("/proc/meminfo")) -> tuple[float, float]:
    """``Dirty`` and ``Writeback`` of /proc/meminfo in MB (0 where there is none): data the
    kernel has yet to write and data it is writing, which a WAL flush (fsync) may wait behind."""
    found = {"Dirty:": 0.0, "Writeback:": 0.0}
    try:
        with meminfo_path.open() as meminfo:
            for line in meminfo:
                name, _, rest = line.partition(" ")
                if name in found:
                    found[name] = round(int(rest.split()[0]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return found["Dirty:"], found["Writeback:"]


def writeback_during(writeback: list[tuple[float, float]], start: float, end: float) -> float:
    """The most the kernel was writing back while a statement ran: the samples from the last
    one before ``start`` to the first one after ``end`` (``WaitSampler.writeback``)."""
    times = [at for at, _ in writeback]
    first = max(bisect.bisect_right(times, start) - 1, 0)
    last = bisect.bisect_left(times, end) + 1
    return max((mb for _, mb in writeback[first:last]), default=0.0)


def who(application_name: str, backend_type: str) -> str:
    if backend_type != "client backend":
        return backend_type.replace(" ", "_")
    return "clients" if application_name == CLIENT_APP else "migration"


def stats(cur: cursor) -> dict[str, float]:
    """WAL, checkpoint and I/O counters, flattened to ``view.column`` (pg_stat_io summed
    per backend type and object)."""
    values: dict[str, float] = {}
    for view in ("pg_stat_wal", "pg_stat_checkpointer"):
        cur.execute("SELECT to_regclass(%s) IS NOT NULL", (view,))
        if not cur.fetchone()[0]:
            continue
        cur.execute(f"SELECT * FROM {view}")
        row = cur.fetchone()
        for column, value in zip((d.name for d in cur.description), row, strict=True):
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                values[f"{view}.{column}"] = float(value)
    cur.execute("SELECT to_regclass('pg_stat_io') IS NOT NULL")
    if cur.fetchone()[0]:
        cur.execute("SELECT backend_type || '/' || object, sum(coalesce(writes, 0)), "
                    "sum(coalesce(fsyncs, 0)), sum(coalesce(extends, 0)), "
                    "sum(coalesce(fsync_time, 0)) FROM pg_stat_io GROUP BY 1")
        for key, writes, fsyncs, extends, fsync_ms in cur.fetchall():
            values[f"pg_stat_io.{key}.writes"] = float(writes)
            values[f"pg_stat_io.{key}.fsyncs"] = float(fsyncs)
            values[f"pg_stat_io.{key}.extends"] = float(extends)
            # milliseconds, with track_io_timing (relations) or track_wal_io_timing (WAL)
            values[f"pg_stat_io.{key}.fsync_ms"] = float(fsync_ms)
    return values


def delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """The counters that moved between two :func:`stats` snapshots."""
    return {key: round(after[key] - before.get(key, 0.0), 1) for key in sorted(after)
            if after[key] != before.get(key, 0.0)}


def log_offset(log: Path) -> int:
    return log.stat().st_size if log.exists() else 0


def lock_waits(log: Path, offset: int) -> dict:
    """What ``log_lock_waits`` logged since ``offset``: how many waits, and the longest."""
    if not log.exists():
        return {"waits": 0, "longest": []}
    with log.open("rb") as handle:
        handle.seek(offset)
        text = handle.read().decode(errors="replace")
    acquired = []
    waits = 0
    for match in _WAIT_LINE.finditer(text):
        event, mode, on, ms = match.groups()
        if event == "still waiting for":
            waits += 1
        else:
            acquired.append((f"{mode} on {on}", round(float(ms), 1)))
    acquired.sort(key=lambda a: -a[1])
    return {"waits": waits, "longest": acquired[:5]}


def step_at(steps: list[tuple[float, str]], at: float) -> str:
    """The migration's statement at wall-clock time ``at`` (the last one seen before it)."""
    current = ""
    for when, query in steps:
        if when > at:
            break
        current = query
    return current


def time_by_statement(steps: list[tuple[float, str]], until: float, top_n: int = 10) -> dict:
    """Seconds the migration spent in each kind of statement (numbers folded), the top few."""
    spent: dict[str, float] = {}
    for (when, query), (after, _) in zip(steps, [*steps[1:], (until, "")], strict=False):
        kind = re.sub(r"\d+", "N", query)[:70]
        spent[kind] = spent.get(kind, 0.0) + after - when
    return {query: round(seconds, 2)
            for query, seconds in sorted(spent.items(), key=lambda kv: -kv[1])[:top_n]}
