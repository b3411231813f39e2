"""``python -m dbkit bench``: the migration chain under load, seeding, the commands, the reviewer.

Everything runs on throwaway PostgreSQL servers the benchmark starts itself,
with PostgreSQL's durable defaults (fsync and synchronous_commit on, as on a real
prod server) plus the few settings of ``server_settings`` (the evidence, buffers and
WAL room sized for the table, as on a prod server): the write-ahead-log flushes are
part of what clients feel while a migration runs. The server's WAL files are made
once beforehand (``reserve_wal``), as a server that has run a while has them, and each
phase starts from its own settled copy of the table (``copy_settled``).

1. *Migration under load*, at each size of ``rows``: a database at revision 0001
   (COPY), two client processes (one UPDATEs a random recruit's surname, one
   SELECTs a random recruit by id, every 5 ms, recording every statement) in
   three phases on identical copies: *idle* (no migration: the floor), *safe*
   (``alembic upgrade head`` as a user runs it) and *naive* (the same steps the
   plain way, ``dbkit/bench/naive``). Each phase also keeps PostgreSQL's evidence
   of what clients waited for (``dbkit.bench.evidence``).
2. *Seeding*: ``create_recruits.py --count N``, a bare COPY of N recruits and plain
   ``Faker()``, interleaved in every repeat; medians.
3. *Commands*: wall seconds of the everyday commands (median of ``repeat``).
4. *Review*: the static review of a 300-revision chain, ``review --run`` of a
   10-revision chain and ``review --class --run`` of ``class_size`` repositories.

:func:`run` returns every figure with ``targets_met``; ``dbkit/cli/bench.py``
prints the table, writes ``bench/results.json`` and draws the plot
(``dbkit.bench.plot``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dbkit.bench import review_run, review_static
from dbkit.bench.settle import SERVER_SETTINGS, copy_settled, reserve_wal, server_settings, wal_reserve_mb
from dbkit.database import PROJECT_ROOT
from dbkit.errors import DbkitError

if TYPE_CHECKING:
    import contextlib
    from multiprocessing.queues import Queue
    from multiprocessing.synchronize import Event

    from dbkit.pg.server import Server

DEFAULT_SEED_ROWS = 100_000
DEFAULT_SIZES = (100_000, 1_000_000)
QUICK_SCALE = 0.1
DEFAULT_REPEAT = 3
SEED_REPEATS = 3  # seeding, COPY and Faker() alternate this many times at least
IDLE_S = 10.0  # the idle phase: the same clients, no migration, this long
CLASS_SIZE = 30  # repositories in the timed `review --class --run`
RESULTS_PATH = PROJECT_ROOT / "bench" / "results.json"
log = logging.getLogger("dbkit.bench")
NAIVE_INI = Path(__file__).resolve().parent / "naive" / "alembic.ini"

CLIENT_INTERVAL_S = 0.005  # each client starts a statement every 5 ms
CLIENT_WARMUP_S = 0.5  # clients run alone this long before the upgrade starts
STALL_MS = 30  # client statements this slow are listed with when they started
COPY_CHUNK_ROWS = 100_000
FAKER_SAMPLE_ROWS = 2_000  # plain Faker is slow: time a sample, report its rate
CHILD_TIMEOUT_S = 3_600
# Rows at revision 0001 are a pure function of their id, so the expected rows at
# head can be rebuilt for the rows_intact check without keeping a copy.
FIRST_NAMES = ("Zoë", "Thabo", "Siobhán", "Jürgen", "Amélie", "Sipho", "Aoife", "Ada", "Lwazi",
               "Noémie", "Dieter", "Naledi", "Ciarán", "Grace", "Étienne", "Brigitte", "Kagiso")
SURNAMES = ("O'Brien", "Dlamini", "Müller", "Lefèvre", "Nkosi", "Murphy", "Schäfer", "Zulu",
            "Moreau", "Byrne", "Khumalo", "Fischer", "Durand", "Walsh", "Mokoena", "Bauer")
COHORT_AT_HEAD = "C25 Data Eng"  # where 0005 puts every existing recruit
PLACEHOLDER = "recruit-{}@placeholder.invalid"  # what 0003 gives existing recruits

# key -> (what it must be, check) for the pass/fail column and results["targets_met"];
# SIZE_TARGETS are checked at every size, on that size's figures.
SIZE_TARGETS: dict[str, tuple[str, Callable[[dict], bool]]] = {
    "safe_client_max_ms": ("≤ 30", lambda r: r["safe_client_max_ms"] <= 30),
    "safe_client_p99_ms": ("≤ 1.5 × idle + 2",
                           lambda r: r["safe_client_p99_ms"] <= 1.5 * r["idle_client_p99_ms"] + 2),
    "safe_client_errors": ("= 0", lambda r: r["safe_client_errors"] == 0),
    "rows_intact": ("true", lambda r: r["rows_intact"] is True),
    "same_schema_at_head": ("true", lambda r: r["same_schema_at_head"] is True),
    "safe_upgrade_s": ("≤ 1.2 × naive", lambda r: r["safe_upgrade_s"] <= 1.2 * r["naive_upgrade_s"]),
}
TARGETS: dict[str, tuple[str, Callable[[dict], bool]]] = {
    "seed_vs_copy": ("≥ 0.3 × COPY", lambda r: r["seed_ratio_copy"] >= 0.3),
    "seed_vs_faker": ("≥ 25 × Faker()", lambda r: r["seed_ratio_faker"] >= 25),
    "cmd_alembic_current_s": ("≤ 1.5", lambda r: r["cmd_alembic_current_s"] <= 1.5),
    "cmd_upgrade_noop_s": ("≤ 1.5", lambda r: r["cmd_upgrade_noop_s"] <= 1.5),
    "cmd_drift_s": ("≤ 2.5", lambda r: r["cmd_drift_s"] <= 2.5),
    "cmd_seed_c26_s": ("≤ 1.5", lambda r: r["cmd_seed_c26_s"] <= 1.5),
    "review_static_s": ("≤ 2", lambda r: r["review_static_s"] <= 2),
    "review_run_s": (f"≤ {review_run.REVISION_TARGET_S:g}",
                     lambda r: r["review_run_s"] <= review_run.REVISION_TARGET_S),
    "review_class_s": (f"≤ {review_run.CLASS_TARGET_S:g}",
                       lambda r: r["review_class_s"] is not None
                       and r["review_class_s"] <= review_run.CLASS_TARGET_S
                       and r["review_class_size"] >= CLASS_SIZE),
}


def run(rows: int | Sequence[int], seed_rows: int, repeat: int, *,
        class_size: int = CLASS_SIZE, idle_s: float = IDLE_S) -> dict:
    """Every measure on throwaway servers; the figures, with ``targets_met``.

    ``rows`` is one table size or several: the migration under load runs at each
    (its figures under ``sizes``; the largest's also at the top level).
    """
    from dbkit.pg.server import throwaway_server

    sizes = sorted({rows} if isinstance(rows, int) else set(rows))
    say("starting a throwaway PostgreSQL server (durable settings)")
    settings = server_settings(sizes[-1])
    server = throwaway_server(settings=settings)
    results: dict = {"rows": sizes[-1], "row_sizes": sizes, "seed_rows": seed_rows}
    try:
        reserve = wal_reserve_mb(sizes[-1])
        say(f"making {reserve:,} MB of WAL files, as a server that has run a while has them")
        reserve_wal(server, reserve)
        results.update(machine(server, settings))
        results["wal_reserved_mb"] = reserve
        results["sizes"], results["timelines"] = [], {}
        for size in sizes:
            figures, timelines = migration_under_load(server, size, idle_s)
            results["sizes"].append(figures)
            results["timelines"][str(size)] = timelines
        results.update(results["sizes"][-1])
        results.update(seeding(server, seed_rows, max(repeat, SEED_REPEATS)))
        results.update(commands(server, repeat))
    finally:
        server.remove()
    say(f"static review of a {review_static.REVISIONS}-revision chain")
    results.update(review_static.static_review(repeat))
    results.update(review_run.measure(class_size, say))
    results["load_after"] = load_average()
    results["targets_met"] = targets_met(results)
    return results


def targets_met(results: dict) -> dict[str, bool]:
    """``key`` for the run's targets, ``key@rows`` for each size's."""
    met = {f"{key}@{size['rows']}": check(size) for size in results.get("sizes", [])
           for key, (_, check) in SIZE_TARGETS.items()}
    met.update({key: check(results) for key, (_, check) in TARGETS.items()})
    return met


def migration_under_load(server: Server, rows: int, idle_s: float = IDLE_S) -> tuple[dict, dict]:
    """Idle clients, then both chains, on identical copies of a prod-like table.

    The figures of this size, and each phase's statements as [seconds after the
    phase started, ms] for the plot.
    """
    template = f"bench_template_{rows}"
    say(f"loading {rows:,} recruits at revision 0001 with COPY")
    load_database(server, template, rows)
    results: dict = {"rows": rows}
    timelines: dict = {}
    for phase, ini in (("idle", None), ("safe", PROJECT_ROOT / "alembic.ini"),
                       ("naive", NAIVE_INI)):
        name = f"bench_{phase}_{rows}"
        copy_settled(server, name, template)
        if ini is None:
            say(f"idle: the same clients, no migration, {idle_s:g} s")
        else:
            say(f"{phase} chain: alembic upgrade head under load")
        seconds, clients, evidence = under_load(server, name, rows, ini, idle_s)
        latencies = [ms for c in clients for _, ms in c["timeline"]]
        results.update({
            f"{phase}_client_max_ms": round(max(latencies), 1),
            f"{phase}_client_p99_ms": round(percentile(latencies, 99), 1),
            f"{phase}_client_errors": sum(len(c["errors"]) for c in clients),
            f"{phase}_client_statements": len(latencies),
            f"{phase}_client_error_samples": sorted({e for c in clients
                                                     for e in c["errors"]})[:5],
            f"{phase}_evidence": evidence,
        })
        if ini is not None:
            updates = {}
            for rid, surname in (w for c in clients for w in c["writes"]):
                updates[rid] = surname  # one updater: the last write of an id is its surname
            results[f"{phase}_upgrade_s"] = round(seconds, 2)
            results[f"{phase}_rows_intact"] = rows_intact(server, name, rows, updates)
        for c in clients:
            results[f"{phase}_{c['kind']}_max_ms"] = round(max(ms for _, ms in c["timeline"]), 1)
        # [seconds after the phase started, ms], slowest first: to line up with the log.
        results[f"{phase}_client_slowest"] = sorted(
            ((t, ms) for c in clients for t, ms in c["timeline"] if ms >= STALL_MS),
            key=lambda s: -s[1])[:5]
        timelines[phase] = {c["kind"]: c["timeline"] for c in clients}
    results["rows_intact"] = results["safe_rows_intact"] and results["naive_rows_intact"]
    results["same_schema_at_head"] = (schema(server, f"bench_safe_{rows}")
                                      == schema(server, f"bench_naive_{rows}"))
    for phase in ("idle", "safe", "naive"):  # the disk is shared: keep one size at a time
        server.drop_database(f"bench_{phase}_{rows}")
    server.drop_database(template)
    return results, timelines


def original_row(rid: int) -> tuple:
    """Recruit ``rid`` as loaded at revision 0001: (id, first_name, surname, chatname,
    github_name, id_number); every third recruit has no id number."""
    first = FIRST_NAMES[rid % len(FIRST_NAMES)]
    surname = SURNAMES[rid // len(FIRST_NAMES) % len(SURNAMES)]
    return (rid, first, surname, f"recruit{rid}", f"recruit-{rid}-gh",
            f"{rid:013d}" if rid % 3 else None)


def load_database(server: Server, name: str, rows: int) -> None:
    """A database at revision 0001 holding ``rows`` recruits, vacuumed like a settled table."""
    server.create_database(name, template="template0")
    child([sys.executable, "-m", "alembic", "upgrade", "0001"], server.url_for(name))
    with connection(server, name) as conn:
        with conn.cursor() as cur:
            for start in range(1, rows + 1, COPY_CHUNK_ROWS):
                chunk = (original_row(rid) for rid in range(start, min(start + COPY_CHUNK_ROWS,
                                                                        rows + 1)))
                cur.copy_expert("COPY recruits (id, first_name, surname, chatname, github_name, "
                                "id_number) FROM STDIN WITH (FORMAT csv)", as_csv(chunk))
            cur.execute("SELECT setval(pg_get_serial_sequence('recruits', 'id'), %s)", (rows,))
        conn.commit()
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("VACUUM (FREEZE, ANALYZE) recruits")


def under_load(server: Server, database: str, rows: int, ini: Path | None,
               idle_s: float, cwd: Path = PROJECT_ROOT) -> tuple[float, list[dict], dict]:
    """Run ``alembic upgrade head`` (or, without ``ini``, nothing for ``idle_s``) while an
    updater and a reader hit the table; the seconds, each client's report, the evidence."""
    import multiprocessing
    import queue as queue_module

    from dbkit.bench import evidence

    context = multiprocessing.get_context("spawn")
    stop, queue = context.Event(), context.Queue()
    readies, processes = [], []
    for kind in ("update", "read"):
        ready = context.Event()
        process = context.Process(target=client, name=f"bench-{kind}",
                                  args=(kind, connect_args(server, database), rows, ready, stop,
                                        queue))
        process.start()
        readies.append(ready)
        processes.append(process)
    sampler = evidence.WaitSampler(connect_args(server, database))
    try:
        for ready, process in zip(readies, processes, strict=True):
            deadline = time.monotonic() + 60
            while not ready.wait(0.1):
                if not process.is_alive() or time.monotonic() > deadline:
                    raise DbkitError(f"the benchmark client {process.name} did not start "
                                     f"(exit code {process.exitcode})")
        time.sleep(CLIENT_WARMUP_S)
        with connection(server, database) as conn, conn.cursor() as cur:
            conn.autocommit = True
            before, offset = evidence.stats(cur), evidence.log_offset(server.log)
            sampler.start()
            started = time.time()
            if ini is None:
                time.sleep(idle_s)
                seconds = idle_s
            else:
                seconds = child([sys.executable, "-m", "alembic", "-c", str(ini), "upgrade",
                                 "head"], server.url_for(database), cwd=cwd)
            waits = sampler.stop()
            after = evidence.stats(cur)
        time.sleep(CLIENT_WARMUP_S)
    finally:
        stop.set()
        clients = []
        for _ in processes:
            try:
                clients.append(queue.get(timeout=60))
            except queue_module.Empty:
                break
        for process in processes:
            process.join(10)
            if process.is_alive():
                process.terminate()
    slowest = sorted(((at, ms, c["kind"]) for c in clients for at, ms in c["timeline"]
                      if ms >= STALL_MS and started <= at <= started + seconds),
                     key=lambda s: -s[1])[:8]
    slowest_1pct = evidence.slowest_percent(clients, sampler, started, seconds)
    for c in clients:  # the statements that started during the phase, timed from its start
        c["timeline"] = [(round(at - started, 3), round(ms, 2)) for at, ms in c["timeline"]
                         if started <= at <= started + seconds]
    found = {"waits": waits, "stats": evidence.delta(before, after),
             "lock_waits": evidence.lock_waits(server.log, offset),
             "migration_seconds": evidence.time_by_statement(sampler.steps, started + seconds),
             # the slowest client statements, with what the migration was running then and
             # the most the kernel was writing back to disk meanwhile (MB)
             "slowest": [(round(at - started, 2), round(ms, 1), kind,
                          evidence.step_at(sampler.steps, at),
                          evidence.writeback_during(sampler.writeback, at, at + ms / 1000))
                         for at, ms, kind in slowest],
             "slowest_1pct": slowest_1pct}
    return seconds, clients, found


def client(kind: str, connect_kwargs: dict, rows: int, ready: Event, stop: Event,
           queue: Queue[dict]) -> None:
    """One client process: a statement every 5 ms until ``stop``; reports every latency.

    ``update`` sets a random recruit's surname; ``read`` selects a random recruit.
    Both autocommit, as a web application's short requests do.
    """
    import random

    import psycopg2

    rng = random.Random(kind)
    conn = psycopg2.connect(**connect_kwargs)
    conn.autocommit = True
    timeline: list[tuple[float, float]] = []  # (wall clock at start, ms) of each statement
    errors: list[str] = []
    writes: list[tuple[int, str]] = []
    next_at = time.perf_counter()
    while not stop.is_set():
        rid = rng.randint(1, rows)
        wall, started = time.time(), time.perf_counter()
        try:
            with conn.cursor() as cur:
                if kind == "update":
                    surname = f"Updated{len(timeline)}"
                    cur.execute("UPDATE recruits SET surname = %s WHERE id = %s", (surname, rid))
                    writes.append((rid, surname))
                else:
                    cur.execute("SELECT * FROM recruits WHERE id = %s", (rid,))
                    cur.fetchall()
        except psycopg2.Error as exc:
            errors.append(f"{kind}: {type(exc).__name__}: {str(exc).strip().splitlines()[0]}")
            if conn.closed:
                conn = psycopg2.connect(**connect_kwargs)
                conn.autocommit = True
        timeline.append((wall, (time.perf_counter() - started) * 1000))
        ready.set()
        next_at = max(next_at + CLIENT_INTERVAL_S, time.perf_counter())
        time.sleep(max(0.0, next_at - time.perf_counter()))
    conn.close()
    queue.put({"kind": kind, "timeline": timeline, "errors": errors, "writes": writes})


def expected_lines(rows: int, updates: dict[int, str]) -> Iterator[str]:
    """Each pre-existing recruit as it must look at head, one line per recruit."""
    for rid in range(1, rows + 1):
        _, first, surname, chatname, github, id_number = original_row(rid)
        yield "|".join((str(rid), first, updates.get(rid, surname), chatname, github,
                        PLACEHOLDER.format(rid), COHORT_AT_HEAD, id_number or ""))


def rows_intact(server: Server, database: str, rows: int, updates: dict[int, str]) -> bool:
    """True when every recruit loaded at 0001 is at head with the same values.

    The same values means: same names, chatname now rocketchat_user, the
    placeholder address, cohort C25 Data Eng, the id number in the archive, and
    the surname the updater last wrote (if it wrote one). Compared as one digest.
    """
    with connection(server, database) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT count(*), md5(string_agg(concat_ws('|', r.id, r.first_name, r.surname, "
            "r.rocketchat_user, r.github_name, r.personal_email_address, c.name, "
            "coalesce(a.id_number, '')), E'\\n' ORDER BY r.id)) "
            "FROM recruits AS r JOIN cohorts AS c ON c.id = r.cohort_id "
            "LEFT JOIN archive.recruit_id_numbers AS a ON a.recruit_id = r.id")
        count, digest = cur.fetchone()
    expected = hashlib.md5()
    for number, line in enumerate(expected_lines(rows, updates)):
        expected.update((("\n" if number else "") + line).encode())
    return count == rows and digest == expected.hexdigest()


def schema(server: Server, database: str) -> str:
    """The schema as pg_dump prints it, without the per-run restrict keys."""
    from dbkit.pg.server import program

    result = subprocess.run(
        [program("pg_dump"), "--schema-only", "--no-owner", "-h", "127.0.0.1",
         "-p", str(server.port), "-U", server.user, database],
        env={**os.environ, "PGPASSWORD": server.password}, capture_output=True, text=True,
        check=True)
    return "\n".join(line for line in result.stdout.splitlines()
                     if not line.startswith(("\\restrict", "\\unrestrict", "--")))


# -- 2. seeding --------------------------------------------------------------------------

def seeding(server: Server, count: int, repeats: int, against: Path | None = None) -> dict:
    """The seeding script end to end, against a bare COPY and plain Faker(), interleaved.

    Each repeat times the three side by side (in turn: script, COPY, Faker(); then
    the other way round), each load into a fresh database at head, so a change in the
    machine's load moves all three; the ratios are the medians of each repeat's ratios.
    ``against``, another checkout of the project (``bench seed --against``), adds its
    ``create_recruits.py`` as a fourth side, right after this one's: an A/B of a change.
    """
    from dbkit.exercise import seeding as seeding_module

    server.create_database("bench_seed_head", template="template0")
    child([sys.executable, "-m", "alembic", "upgrade", "head"], server.url_for("bench_seed_head"))
    people = seeding_module.generate("C99 COPY", 1, count)
    sample = min(count, FAKER_SAMPLE_ROWS)
    scripts = {"seed": PROJECT_ROOT, **({"against": against} if against is not None else {})}
    for folder in scripts.values():  # one untimed run first, as a user's second: bytecode cached
        server.create_database("bench_seed_warm", template="bench_seed_head")
        child([sys.executable, "create_recruits.py", "--count", "1", "--seed", "1"],
              server.url_for("bench_seed_warm"), cwd=folder)
        server.drop_database("bench_seed_warm")

    def script(folder: Path) -> Callable[[str], float]:
        return lambda name: child(
            [sys.executable, "create_recruits.py", "--count", str(count), "--seed", "1"],
            server.url_for(name), cwd=folder)

    def copy(name: str) -> float:
        with connection(server, name) as conn, conn.cursor() as cur:
            cur.execute("INSERT INTO cohorts (name) VALUES ('C99 COPY') RETURNING id")
            cohort_id = cur.fetchone()[0]
            started = time.perf_counter()
            cur.copy_expert(
                "COPY recruits (first_name, surname, rocketchat_user, github_name, "
                "personal_email_address, cohort_id) FROM STDIN WITH (FORMAT csv)",
                as_csv((p.first_name, p.surname, p.rocketchat_user, p.github_name,
                        p.personal_email_address, cohort_id) for p in people))
            conn.commit()
            return time.perf_counter() - started

    sides: list[tuple[str, Callable[[str], float], int]] = [
        *((side, script(folder), count) for side, folder in scripts.items()),
        ("copy", copy, count), ("faker", lambda _: faker_default(sample), sample)]
    rates: dict[str, list[float]] = {side: [] for side, _, _ in sides}
    for number in range(repeats):
        say(f"seeding {count:,} recruits: script, COPY and Faker(), repeat {number + 1} "
            f"of {repeats}")
        for side, measure, rows in (sides if number % 2 == 0 else sides[::-1]):
            name = f"bench_seed_{side}_{number}"
            if side != "faker":
                server.create_database(name, template="bench_seed_head")
            rates[side].append(rows / measure(name))
            if side != "faker":
                server.drop_database(name)
    server.drop_database("bench_seed_head")
    results = {
        "copy_rows_per_s": round(statistics.median(rates["copy"])),
        "faker_default_rows_per_s": round(statistics.median(rates["faker"])),
        "faker_default_sample_rows": sample,
        "seed_repeats": repeats,
        "seed_rates": {side: [round(r) for r in values] for side, values in rates.items()},
    }
    for side, prefix in (("seed", "seed"), ("against", "against")):
        if side in rates:
            results.update({
                f"{prefix}_rows_per_s": round(statistics.median(rates[side])),
                f"{prefix}_ratio_copy": round(statistics.median(
                    s / c for s, c in zip(rates[side], rates["copy"], strict=True)), 3),
                f"{prefix}_ratio_faker": round(statistics.median(
                    s / f for s, f in zip(rates[side], rates["faker"], strict=True)), 2),
            })
    if against is not None:
        results["against"] = str(against)
    return results


def faker_default(count: int) -> float:
    """Seconds for plain ``Faker()`` to make ``count`` recruits' fields, one call per field.

    The address column is UNIQUE, so the plain way asks ``fake.unique`` for it.
    """
    from faker import Faker

    fake = Faker()
    fake.seed_instance(1)
    started = time.perf_counter()
    for _ in range(count):
        (fake.first_name(), fake.last_name(), fake.user_name(), fake.user_name(),
         fake.unique.email())
    return time.perf_counter() - started


# -- 3. commands -------------------------------------------------------------------------

def commands(server: Server, repeat: int) -> dict:
    """Median wall seconds of the everyday commands on a database at head."""
    server.create_database("bench_commands", template="template0")
    url = server.url_for("bench_commands")
    child([sys.executable, "-m", "alembic", "upgrade", "head"], url)
    child([sys.executable, "create_recruits.py", "--seed", "1"], url)
    timed = {
        "cmd_python_startup_s": [sys.executable, "-c", "pass"],
        "cmd_alembic_current_s": [sys.executable, "-m", "alembic", "current"],
        "cmd_upgrade_noop_s": [sys.executable, "-m", "alembic", "upgrade", "head"],
        "cmd_drift_s": [sys.executable, "-m", "dbkit", "drift"],
        "cmd_seed_c26_s": [sys.executable, "create_c26_recruits.py"],
    }
    results = {}
    for key, argv in timed.items():
        say(f"commands: {key}")
        results[key] = round(statistics.median(child(argv, url) for _ in range(repeat)), 2)
    return results


# -- helpers -----------------------------------------------------------------------------

def child(argv: list[str], url: str, cwd: Path = PROJECT_ROOT) -> float:
    """Run a command from the project root (or ``cwd``) as a user would, on ``url``; its wall
    seconds."""
    # As a user's Python runs it: writing its bytecode cache (a shell with
    # PYTHONDONTWRITEBYTECODE set would compile dbkit's modules again on every run).
    env = {k: v for k, v in os.environ.items()
           if k not in ("ENV", "DATABASE_URL", "PYTHONDONTWRITEBYTECODE")}
    env["DATABASE_URL"] = url
    started = time.perf_counter()
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=CHILD_TIMEOUT_S)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:]
        raise DbkitError(f"{' '.join(Path(a).name for a in argv[:4])} failed "
                         f"(exit {result.returncode}): {' '.join(tail)}")
    return seconds


def connect_args(server: Server, database: str) -> dict:
    return {"host": "127.0.0.1", "port": server.port, "user": server.user,
            "password": server.password, "dbname": database, "application_name": "dbkit-bench"}


def connection(server: Server, database: str) -> contextlib.closing[Any]:
    import contextlib

    import psycopg2

    return contextlib.closing(psycopg2.connect(**connect_args(server, database)))


def as_csv(rows: Iterable[tuple]) -> io.StringIO:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    buffer.seek(0)
    return buffer


def percentile(values: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile: the smallest value with ``pct`` % of values at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * pct / 100) - 1)]


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def machine(server: Server, settings: Sequence[str] = SERVER_SETTINGS) -> dict:
    with connection(server, server.database) as conn, conn.cursor() as cur:
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0]
    return {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "postgresql": version,
        "postgresql_settings": "defaults (fsync, synchronous_commit, full_page_writes on), "
                               + ", ".join(settings),
        "cpu": cpu_model(),
        "load_before": load_average(),
    }


def cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def say(message: str) -> None:
    """Progress, through logging: ``python -m dbkit bench`` shows it on stderr."""
    log.info(message)
