"""``python -m dbkit bench``: measure the migration chain under load, seeding, and the commands.

Everything runs on a throwaway PostgreSQL server the benchmark starts itself,
with PostgreSQL's durable defaults (fsync and synchronous_commit on, as on a real
prod server): the write-ahead-log flushes are part of what clients feel while a
migration runs, so turning them off would flatter both chains.

1. *Migration under load*: a database at revision 0001 with ``--rows`` recruits
   (COPY), two client processes (one UPDATEs a random recruit's surname, one
   SELECTs a random recruit by id, every 5 ms, recording every latency and
   error) while ``alembic upgrade head`` runs as a user runs it; then the same
   on an identical copy with the naive chain of ``dbkit/bench/naive`` (the same
   steps, plain ALTER TABLEs and UPDATEs, one transaction).
2. *Seeding*: ``create_recruits.py --count N`` end to end, a bare COPY of N
   pre-generated recruits, and plain ``Faker()`` making the same fields.
3. *Commands*: wall seconds of the everyday commands (median of ``--repeat``).
4. *Review*: the static review of a generated 300-revision chain (``review_static``).

The table goes to the terminal and every figure to ``bench/results.json``.
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

from dbkit.bench import review_static
from dbkit.database import PROJECT_ROOT
from dbkit.errors import DbkitError

DEFAULT_ROWS = 1_000_000
DEFAULT_SEED_ROWS = 100_000
QUICK_SCALE = 0.1
DEFAULT_REPEAT = 3
RESULTS_PATH = PROJECT_ROOT / "bench" / "results.json"
log = logging.getLogger("dbkit.bench")
NAIVE_INI = Path(__file__).resolve().parent / "naive" / "alembic.ini"

CLIENT_INTERVAL_S = 0.005  # each client starts a statement every 5 ms
CLIENT_WARMUP_S = 0.5  # clients run alone this long before the upgrade starts
STALL_MS = 50  # client statements this slow are listed with when they started
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

# key -> (what it must be, check) for the pass/fail column and results["targets_met"].
TARGETS: dict[str, tuple[str, Callable[[dict], bool]]] = {
    "safe_client_max_ms": ("≤ 200", lambda r: r["safe_client_max_ms"] <= 200),
    "safe_client_p99_ms": ("≤ 20", lambda r: r["safe_client_p99_ms"] <= 20),
    "safe_client_errors": ("= 0", lambda r: r["safe_client_errors"] == 0),
    "rows_intact": ("true", lambda r: r["rows_intact"] is True),
    "same_schema_at_head": ("true", lambda r: r["same_schema_at_head"] is True),
    "safe_upgrade_s": ("≤ 2 × naive", lambda r: r["safe_upgrade_s"] <= 2 * r["naive_upgrade_s"]),
    "seed_vs_copy": ("≥ 0.3 × COPY",
                     lambda r: r["seed_rows_per_s"] >= 0.3 * r["copy_rows_per_s"]),
    "seed_vs_faker": ("≥ 25 × Faker()",
                      lambda r: r["seed_rows_per_s"] >= 25 * r["faker_default_rows_per_s"]),
    "cmd_alembic_current_s": ("≤ 1.5", lambda r: r["cmd_alembic_current_s"] <= 1.5),
    "cmd_upgrade_noop_s": ("≤ 1.5", lambda r: r["cmd_upgrade_noop_s"] <= 1.5),
    "cmd_drift_s": ("≤ 2.5", lambda r: r["cmd_drift_s"] <= 2.5),
    "cmd_seed_c26_s": ("≤ 1.5", lambda r: r["cmd_seed_c26_s"] <= 1.5),
    "review_static_s": ("≤ 2", lambda r: r["review_static_s"] <= 2),
}


def run(rows: int, seed_rows: int, repeat: int) -> dict:
    """Every measure on one throwaway server; the figures, with ``targets_met``."""
    from dbkit.pg.server import throwaway_server

    say("starting a throwaway PostgreSQL server (durable settings)")
    server = throwaway_server(settings=())
    try:
        results = {"rows": rows, "seed_rows": seed_rows, **machine(server)}
        results.update(migration_under_load(server, rows))
        results.update(seeding(server, seed_rows))
        results.update(commands(server, repeat))
        say(f"static review of a {review_static.REVISIONS}-revision chain")
        results.update(review_static.static_review(repeat))
    finally:
        server.remove()
    results["load_after"] = load_average()
    results["targets_met"] = {key: check(results) for key, (_, check) in TARGETS.items()}
    return results


def migration_under_load(server, rows: int) -> dict:
    """Both chains on identical copies of a prod-like table, with clients at work."""
    say(f"loading {rows:,} recruits at revision 0001 with COPY")
    load_database(server, "bench_template", rows)
    results: dict = {}
    for chain, ini in (("safe", PROJECT_ROOT / "alembic.ini"), ("naive", NAIVE_INI)):
        server.create_database(f"bench_{chain}", template="bench_template")
        url = server.url_for(f"bench_{chain}")
        with connection(server, f"bench_{chain}") as conn, conn.cursor() as cur:
            cur.execute("CHECKPOINT")  # start each chain with the same clean buffers
        say(f"{chain} chain: alembic upgrade head under load")
        seconds, clients = upgrade_under_load(server, f"bench_{chain}", url, ini, rows)
        latencies = [ms for c in clients for ms in c["latencies_ms"]]
        updates = {}
        for rid, surname in (w for c in clients for w in c["writes"]):
            updates[rid] = surname  # one updater: the last write of an id is its surname
        results.update({
            f"{chain}_upgrade_s": round(seconds, 2),
            f"{chain}_client_max_ms": round(max(latencies), 1),
            f"{chain}_client_p99_ms": round(percentile(latencies, 99), 1),
            f"{chain}_client_errors": sum(len(c["errors"]) for c in clients),
            f"{chain}_client_statements": len(latencies),
            f"{chain}_client_error_samples": sorted({e for c in clients for e in c["errors"]})[:5],
            f"{chain}_rows_intact": rows_intact(server, f"bench_{chain}", rows, updates),
        })
        for c in clients:
            results[f"{chain}_{c['kind']}_max_ms"] = round(max(c["latencies_ms"]), 1)
        # [seconds after the upgrade started, ms], slowest first: to line up with the log.
        results[f"{chain}_client_slowest"] = sorted(
            (s for c in clients for s in c["stalls"]), key=lambda s: -s[1])[:5]
    results["rows_intact"] = results["safe_rows_intact"] and results["naive_rows_intact"]
    results["same_schema_at_head"] = schema(server, "bench_safe") == schema(server, "bench_naive")
    return results


def original_row(rid: int) -> tuple:
    """Recruit ``rid`` as loaded at revision 0001: (id, first_name, surname, chatname,
    github_name, id_number); every third recruit has no id number."""
    first = FIRST_NAMES[rid % len(FIRST_NAMES)]
    surname = SURNAMES[rid // len(FIRST_NAMES) % len(SURNAMES)]
    return (rid, first, surname, f"recruit{rid}", f"recruit-{rid}-gh",
            f"{rid:013d}" if rid % 3 else None)


def load_database(server, name: str, rows: int) -> None:
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


def upgrade_under_load(server, database: str, url: str, ini: Path,
                       rows: int) -> tuple[float, list[dict]]:
    """Run ``alembic upgrade head`` while an updater and a reader hit the table."""
    import multiprocessing
    import queue as queue_module

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
    try:
        for ready, process in zip(readies, processes, strict=True):
            deadline = time.monotonic() + 60
            while not ready.wait(0.1):
                if not process.is_alive() or time.monotonic() > deadline:
                    raise DbkitError(f"the benchmark client {process.name} did not start "
                                     f"(exit code {process.exitcode})")
        time.sleep(CLIENT_WARMUP_S)
        upgrade_started = time.time()
        seconds = child([sys.executable, "-m", "alembic", "-c", str(ini), "upgrade", "head"], url)
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
    for c in clients:
        c["stalls"] = [(round(at - upgrade_started, 2), round(ms, 1)) for at, ms in c["stalls"]]
    return seconds, clients


def client(kind: str, connect_kwargs: dict, rows: int, ready, stop, queue) -> None:
    """One client process: a statement every 5 ms until ``stop``; reports every latency.

    ``update`` sets a random recruit's surname; ``read`` selects a random recruit.
    Both autocommit, as a web application's short requests do.
    """
    import random

    import psycopg2

    rng = random.Random(kind)
    conn = psycopg2.connect(**connect_kwargs)
    conn.autocommit = True
    latencies: list[float] = []
    errors: list[str] = []
    writes: list[tuple[int, str]] = []
    stalls: list[tuple[float, float]] = []  # (wall clock at start, ms) of the slow ones
    next_at = time.perf_counter()
    while not stop.is_set():
        rid = rng.randint(1, rows)
        started = time.perf_counter()
        try:
            with conn.cursor() as cur:
                if kind == "update":
                    surname = f"Updated{len(latencies)}"
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
        latencies.append((time.perf_counter() - started) * 1000)
        if latencies[-1] >= STALL_MS:
            stalls.append((time.time() - (time.perf_counter() - started), latencies[-1]))
        ready.set()
        next_at = max(next_at + CLIENT_INTERVAL_S, time.perf_counter())
        time.sleep(max(0.0, next_at - time.perf_counter()))
    conn.close()
    queue.put({"kind": kind, "latencies_ms": latencies, "errors": errors, "writes": writes,
               "stalls": stalls})


def expected_lines(rows: int, updates: dict[int, str]) -> Iterator[str]:
    """Each pre-existing recruit as it must look at head, one line per recruit."""
    for rid in range(1, rows + 1):
        _, first, surname, chatname, github, id_number = original_row(rid)
        yield "|".join((str(rid), first, updates.get(rid, surname), chatname, github,
                        PLACEHOLDER.format(rid), COHORT_AT_HEAD, id_number or ""))


def rows_intact(server, database: str, rows: int, updates: dict[int, str]) -> bool:
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


def schema(server, database: str) -> str:
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

def seeding(server, count: int) -> dict:
    """The seeding script end to end, against a bare COPY and plain Faker()."""
    from dbkit.exercise import seeding as seeding_module

    for name in ("bench_seed", "bench_copy"):
        server.create_database(name, template="template0")
        child([sys.executable, "-m", "alembic", "upgrade", "head"], server.url_for(name))

    say(f"seeding: create_recruits.py --count {count:,}")
    seed_s = child([sys.executable, "create_recruits.py", "--count", str(count), "--seed", "1"],
                   server.url_for("bench_seed"))

    say(f"seeding: COPY of {count:,} pre-generated recruits")
    people = seeding_module.generate("C99 COPY", 1, count)
    with connection(server, "bench_copy") as conn, conn.cursor() as cur:
        cur.execute("INSERT INTO cohorts (name) VALUES ('C99 COPY') RETURNING id")
        cohort_id = cur.fetchone()[0]
        started = time.perf_counter()
        cur.copy_expert(
            "COPY recruits (first_name, surname, rocketchat_user, github_name, "
            "personal_email_address, cohort_id) FROM STDIN WITH (FORMAT csv)",
            as_csv((p.first_name, p.surname, p.rocketchat_user, p.github_name,
                    p.personal_email_address, cohort_id) for p in people))
        conn.commit()
        copy_s = time.perf_counter() - started

    say("seeding: plain Faker()")
    sample = min(count, FAKER_SAMPLE_ROWS)
    faker_s = faker_default(sample)
    return {
        "seed_s": round(seed_s, 2),
        "seed_rows_per_s": round(count / seed_s),
        "copy_rows_per_s": round(count / copy_s),
        "faker_default_rows_per_s": round(sample / faker_s),
        "faker_default_sample_rows": sample,
    }


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

def commands(server, repeat: int) -> dict:
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

def child(argv: list[str], url: str) -> float:
    """Run a command from the project root as a user would, on ``url``; its wall seconds."""
    env = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    env["DATABASE_URL"] = url
    started = time.perf_counter()
    result = subprocess.run(argv, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                            timeout=CHILD_TIMEOUT_S)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:]
        raise DbkitError(f"{' '.join(Path(a).name for a in argv[:4])} failed "
                         f"(exit {result.returncode}): {' '.join(tail)}")
    return seconds


def connect_args(server, database: str) -> dict:
    return {"host": "127.0.0.1", "port": server.port, "user": server.user,
            "password": server.password, "dbname": database, "application_name": "dbkit-bench"}


def connection(server, database: str):
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


def machine(server) -> dict:
    with connection(server, server.database) as conn, conn.cursor() as cur:
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0]
    return {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "postgresql": version,
        "postgresql_settings": "defaults (fsync, synchronous_commit, full_page_writes on)",
        "load_before": load_average(),
    }


def say(message: str) -> None:
    """Progress, through logging: ``python -m dbkit bench`` shows it on stderr."""
    log.info(message)
