"""The benchmark's code paths at a tiny scale (the figures themselves are not tested)."""

import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.commands import alembic, run

from dbkit import bench
from dbkit.bench import evidence
from dbkit.database import PROJECT_ROOT

ISSUE_KEYS = {
    "rows", "safe_upgrade_s", "naive_upgrade_s", "safe_client_max_ms", "safe_client_p99_ms",
    "naive_client_max_ms", "naive_client_p99_ms", "safe_client_errors", "naive_client_errors",
    "rows_intact", "seed_rows", "seed_rows_per_s", "copy_rows_per_s", "faker_default_rows_per_s",
    "cmd_alembic_current_s", "cmd_upgrade_noop_s", "cmd_drift_s", "cmd_seed_c26_s",
    "review_revisions", "review_static_s", "review_run_s", "review_class_s",
    "idle_client_max_ms", "idle_client_p99_ms", "seed_ratio_copy", "seed_ratio_faker",
    "load_before", "load_after", "sizes", "timelines", "targets_met",
}


@pytest.mark.slow  # a whole benchmark run; CI also runs `dbkit bench --quick`
def test_a_tiny_run_writes_every_figure_and_keeps_the_rows(tmp_path):
    output = tmp_path / "results.json"
    result = run("-m", "dbkit", "bench", "--rows", "1000,2000", "--seed-rows", "500",
                 "--repeat", "1", "--class-size", "1", "--output", str(output),
                 "--plot", str(tmp_path / "latency"))

    assert result.returncode == 0, result.stderr
    results = json.loads(output.read_text())
    assert results.keys() >= ISSUE_KEYS
    assert results["rows"] == 2000 and results["seed_rows"] == 500
    assert [size["rows"] for size in results["sizes"]] == [1000, 2000]
    assert all(size["rows_intact"] and size["idle_client_statements"] > 0
               for size in results["sizes"])
    assert {"safe_client_max_ms@1000", "safe_client_max_ms@2000", "seed_vs_faker",
            "review_class_s"} <= results["targets_met"].keys()
    assert results["safe_evidence"]["waits"]["samples"] > 0
    assert results["review_class_size"] == 1 and results["review_class_problems"] == 0
    assert results["rows_intact"] is True
    assert results["review_revisions"] == 300
    assert results["same_schema_at_head"] is True
    assert results["safe_client_statements"] > 0 and results["naive_client_statements"] > 0
    assert "upgrade head (s)" in result.stdout


def test_rows_intact_notices_a_changed_value(pg_server, database_url):
    name = database_url.rsplit("/", 1)[1]
    pg_server.drop_database(name)
    bench.load_database(pg_server, name, 300)
    alembic("upgrade", "head", url=database_url)

    assert bench.rows_intact(pg_server, name, 300, updates={})
    assert bench.rows_intact(pg_server, name, 300, updates={7: "Changed"}) is False
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE recruits SET surname = 'Changed' WHERE id = 7"))
    engine.dispose()
    assert bench.rows_intact(pg_server, name, 300, updates={7: "Changed"})
    assert bench.rows_intact(pg_server, name, 300, updates={}) is False


def test_bad_rows_are_refused_in_one_line_and_nothing_is_written(tmp_path):
    output = tmp_path / "results.json"
    result = run("-m", "dbkit", "bench", "--rows", "0", "--output", str(output))

    assert result.returncode == 2
    assert "--rows: must be 1 or more, not 0" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_help_names_every_option():
    result = run("-m", "dbkit", "bench", "--help")

    assert result.returncode == 0
    for option in ("--rows", "--seed-rows", "--quick", "--repeat", "--output", "--class-size",
                   "--plot", "--no-plot"):
        assert option in result.stdout


def test_a_bad_size_in_the_list_is_refused_in_one_line(tmp_path):
    output = tmp_path / "results.json"
    result = run("-m", "dbkit", "bench", "--rows", "100000,lots", "--output", str(output))

    assert result.returncode == 2
    assert "--rows: not a whole number: 'lots'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_each_size_is_judged_on_its_own_figures_against_its_idle_floor():
    size = {"rows": 1000, "safe_client_max_ms": 25.0, "safe_client_p99_ms": 9.0,
            "idle_client_p99_ms": 4.0, "safe_client_errors": 0, "rows_intact": True,
            "same_schema_at_head": True, "safe_upgrade_s": 12.5, "naive_upgrade_s": 10.0}
    worse = {**size, "rows": 2000, "safe_client_max_ms": 31.0, "safe_client_p99_ms": 7.9,
             "safe_upgrade_s": 12.0}
    results = {"sizes": [size, worse], "seed_ratio_copy": 0.5, "seed_ratio_faker": 24.9,
               "cmd_alembic_current_s": 1, "cmd_upgrade_noop_s": 1, "cmd_drift_s": 1,
               "cmd_seed_c26_s": 1, "review_static_s": 1, "review_run_s": 2,
               "review_class_s": None, "review_class_size": 0}

    met = bench.targets_met(results)

    assert met["safe_client_max_ms@1000"] is True and met["safe_client_max_ms@2000"] is False
    assert met["safe_client_p99_ms@1000"] is False  # 9.0 > 1.5 × 4.0 + 2
    assert met["safe_client_p99_ms@2000"] is True  # 7.9 <= 1.5 × 4.0 + 2
    assert met["safe_upgrade_s@1000"] is False and met["safe_upgrade_s@2000"] is True
    assert met["seed_vs_copy"] is True and met["seed_vs_faker"] is False
    assert met["review_class_s"] is False  # not measured is not met


def test_the_lock_waits_postgresql_logged_are_read_back(tmp_path):
    log = tmp_path / "server.log"
    log.write_text("2026-12-05 08:00:00 UTC [10] LOG:  checkpoint starting: time\n")
    offset = evidence.log_offset(log)
    with log.open("a") as handle:
        handle.write(
            "2026-12-05 08:00:01 UTC [11] LOG:  process 11 still waiting for ShareLock on "
            "transaction 812 after 10.052 ms\n"
            "2026-12-05 08:00:01 UTC [11] DETAIL:  Process holding the lock: 12. Wait queue: 11.\n"
            "2026-12-05 08:00:01 UTC [11] LOG:  process 11 acquired ShareLock on transaction 812 "
            "after 35.2 ms\n"
            "2026-12-05 08:00:02 UTC [13] LOG:  process 13 acquired RowExclusiveLock on relation "
            "16384 of database 5 after 12.5 ms\n")

    found = evidence.lock_waits(log, offset)

    assert found == {"waits": 1, "longest": [("ShareLock on transaction", 35.2),
                                             ("RowExclusiveLock on relation", 12.5)]}


def test_the_migrations_time_is_summed_per_kind_of_statement():
    steps = [(0.0, "UPDATE t SET a = 1 WHERE id >= 1"), (1.0, "COMMIT"),
             (1.5, "UPDATE t SET a = 1 WHERE id >= 2001"), (4.0, "VACUUM t")]

    spent = evidence.time_by_statement(steps, until=4.25)

    assert spent == {"UPDATE t SET a = N WHERE id >= N": 3.5, "COMMIT": 0.5, "VACUUM t": 0.25}
    assert evidence.step_at(steps, 1.7) == "UPDATE t SET a = 1 WHERE id >= 2001"


def test_a_slow_statement_is_given_the_most_the_kernel_was_writing_back_while_it_ran():
    # Samples every 10 ms; a 30 ms write-back burst of 180 MB from 5.02 s, small ones around.
    writeback = [(5.0 + n / 100, mb) for n, mb in enumerate([0, 0, 120, 180, 40, 0, 0, 6, 0])]

    assert evidence.writeback_during(writeback, 5.015, 5.015 + 0.0252) == 180
    assert evidence.writeback_during(writeback, 5.051, 5.058) == 0  # between two quiet samples
    assert evidence.writeback_during(writeback, 5.061, 5.075) == 6  # ended after the 6 MB one
    assert evidence.writeback_during(writeback, 4.0, 4.001) == 0  # before the first sample
    assert evidence.writeback_during([], 5.0, 6.0) == 0


def test_the_page_cache_figures_are_read_from_the_kernel_s_meminfo(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24731484 kB\nDirty:            435200 kB\n"
                       "Writeback:         51712 kB\nWritebackTmp:          0 kB\n")

    assert evidence.os_page_cache_mb(meminfo) == (425.0, 50.5)
    assert evidence.os_page_cache_mb(tmp_path / "none") == (0.0, 0.0)  # no /proc here
    dirty, writeback = evidence.os_page_cache_mb()  # this machine's own
    assert dirty >= 0 and writeback >= 0


def test_the_slowest_percent_is_read_with_what_its_client_waited_for_and_the_step():
    # 100 statements: 98 quick updates and reads, one slow update in a batch, one slow read.
    statements = [(float(n), 0.5, "update" if n % 2 else "read") for n in range(98)]
    statements += [(200.0, 8.0, "update"), (300.0, 6.0, "read")]
    samples = [(200.002, "update", "IO:WalSync"), (200.004, "update", "IO:WalSync"),
               (200.006, "update", "LWLock:WALWrite"), (200.004, "read", "CPU"),
               (300.001, "read", "CPU"), (300.0061, "read", "IO:DataFileRead"),
               (3.0001, "update", "IO:WalSync")]  # a quick statement's sample: not counted
    steps = [(0.0, "SELECT 1"), (199.0, "UPDATE recruits SET a = 1 WHERE id >= 2001"),
             (250.0, "CREATE INDEX CONCURRENTLY ix")]

    found = evidence.in_the_slowest(statements, samples, steps, pct=98)

    assert found == {"threshold_ms": 6.0, "statements": 2, "updates": 1, "samples": 4,
                     "waits": {"IO:WalSync": 0.5, "LWLock:WALWrite": 0.25, "CPU": 0.25},
                     "during": {"UPDATE recruits SET a = N WHERE id >= N": 1,
                                "CREATE INDEX CONCURRENTLY ix": 1}}
    assert evidence.in_the_slowest([], samples, steps) == {}
    assert evidence.client_kind("UPDATE recruits SET surname = 'x'") == "update"
    assert evidence.client_kind("SELECT * FROM recruits WHERE id = 1") == "read"


def test_the_slowest_percent_says_how_long_each_clients_server_process_waited_for_a_cpu():
    # Two slow statements: the update's server process waited 7 of its 8 ms for a CPU (the
    # readings just before and after it), the read's 1 of its 6 ms; a read the readings do
    # not surround is left out.
    statements = [(float(n), 0.5, "update") for n in range(97)]
    statements += [(200.0, 8.0, "update"), (300.0, 6.0, "read"), (400.0, 5.0, "read")]
    run_queue = [(199.995, "update", 1_000_000), (199.999, "read", 0),
                 (200.009, "update", 8_000_000), (299.99, "read", 2_000_000),
                 (300.01, "read", 3_000_000), (300.01, "update", 9_000_000),
                 (399.0, "read", 3_000_000)]

    found = evidence.in_the_slowest(statements, [], [], pct=97, run_queue=run_queue)

    assert found["run_queue"] == {"statements": 2, "median_ms": 4.0,
                                  "mostly_waiting_for_a_cpu": 1}
    assert "run_queue" not in evidence.in_the_slowest(statements, [], [], pct=97)
    assert evidence.queued_ms(run_queue, "read", 400.0, 400.005) is None
    if Path(f"/proc/{os.getpid()}/schedstat").exists():  # Linux: this process's own reading
        assert evidence.run_delay_ns(os.getpid()) >= 0
    assert evidence.run_delay_ns(-1) is None


@pytest.mark.slow  # a server, a migration and the three sides once
def test_the_seeding_part_alone_gives_its_figures_and_targets(tmp_path):
    output = tmp_path / "seed.json"
    # --against: this very checkout as the other side of an A/B
    result = run("-m", "dbkit", "bench", "seed", "--seed-rows", "300", "--repeat", "1",
                 "--against", str(PROJECT_ROOT), "--output", str(output))

    assert result.returncode == 0, result.stderr
    results = json.loads(output.read_text())
    assert results["seed_rows"] == 300 and results["seed_repeats"] == 1
    assert results["seed_rates"].keys() == {"seed", "against", "copy", "faker"}
    assert all(len(rates) == 1 and rates[0] > 0 for rates in results["seed_rates"].values())
    assert results["against_ratio_copy"] > 0 and results["against"] == str(PROJECT_ROOT)
    assert results["targets_met"].keys() == {"seed_vs_copy", "seed_vs_faker"}
    assert results["load_before"] is not None and results["load_after"] is not None
    assert "script / COPY" in result.stdout and "script / Faker()" in result.stdout


@pytest.mark.slow  # a server, a table and three upgrades under clients
def test_the_upgrade_part_alone_runs_each_side_in_turn_and_gives_the_ratios(tmp_path):
    output = tmp_path / "upgrade.json"
    # --against: this very checkout as the other side of an A/B
    # --idle: the same clients with no migration, the floor, as a side too
    result = run("-m", "dbkit", "bench", "upgrade", "--rows", "300", "--repeat", "2",
                 "--against", str(PROJECT_ROOT), "--idle", "--output", str(output))

    assert result.returncode == 0, result.stderr
    results = json.loads(output.read_text())
    assert results["rows"] == 300 and results["repeats"] == 2
    assert results["upgrade_s"].keys() == {"safe", "against", "naive", "idle"}
    assert results["slowest_1pct"].keys() == results["upgrade_s"].keys()
    assert all(len(found) == 2 and all(f["statements"] >= 1 for f in found)
               for found in results["slowest_1pct"].values())
    assert all(len(times) == 2 and min(times) > 0 for times in results["upgrade_s"].values())
    assert results["ratio_to_naive"].keys() == {"safe", "against"}
    assert results["against"] == str(PROJECT_ROOT)
    assert results["load_before"] is not None and results["load_after"] is not None
    assert "× naive" in result.stdout and "slowest 1 %: waited for a CPU" in result.stdout


def test_the_upgrade_part_refuses_a_bad_size_in_one_line(tmp_path):
    output = tmp_path / "upgrade.json"
    result = run("-m", "dbkit", "bench", "upgrade", "--rows", "0", "--output", str(output))

    assert result.returncode == 2
    assert "--rows: must be 1 or more, not 0" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_the_seeding_part_refuses_a_folder_that_is_no_checkout_in_one_line(tmp_path):
    result = run("-m", "dbkit", "bench", "seed", "--against", str(tmp_path),
                 "--output", str(tmp_path / "seed.json"))

    assert result.returncode == 2
    assert f"--against: no create_recruits.py in '{tmp_path}'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "seed.json").exists()


def test_the_seeding_part_refuses_a_bad_count_in_one_line(tmp_path):
    output = tmp_path / "seed.json"
    result = run("-m", "dbkit", "bench", "seed", "--seed-rows", "many", "--output", str(output))

    assert result.returncode == 2
    assert "--seed-rows: not a whole number: 'many'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_each_phase_starts_from_a_settled_copy_with_its_statistics(
        pg_server, database_url):
    template = database_url.rsplit("/", 1)[1]
    pg_server.drop_database(template)
    bench.load_database(pg_server, template, 200)

    bench.copy_settled(pg_server, "bench_settled_copy", template)
    try:
        engine = sa.create_engine(pg_server.url_for("bench_settled_copy"))
        with engine.connect() as connection:
            count = connection.execute(sa.text("SELECT count(*) FROM recruits")).scalar()
            analyzed = connection.execute(sa.text(
                "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables "
                "WHERE relname = 'recruits'")).scalar()
            comment = connection.execute(sa.text(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE datname = current_database()")).scalar()
        engine.dispose()
    finally:
        pg_server.drop_database("bench_settled_copy")
    assert count == 200 and analyzed is True
    assert comment.startswith("dbkit:")


def test_the_wal_files_are_made_before_the_phases_and_kept(pg_server):
    engine = sa.create_engine(pg_server.url_for(pg_server.database))
    with engine.connect() as connection:
        files_before = connection.execute(sa.text("SELECT count(*) FROM pg_ls_waldir()")).scalar()
    bench.reserve_wal(pg_server, 64)  # four 16 MB files; the server keeps up to min_wal_size
    with engine.connect() as connection:
        files_after = connection.execute(sa.text("SELECT count(*) FROM pg_ls_waldir()")).scalar()
        leftover = connection.execute(sa.text(
            "SELECT to_regclass('bench_wal_reserve') IS NULL")).scalar()
    engine.dispose()
    assert files_after >= files_before + 3 and leftover is True


def test_the_wal_room_grows_with_the_largest_size():
    assert bench.wal_reserve_mb(100_000) == 256
    assert bench.wal_reserve_mb(1_000_000) == 2048
    settings = bench.server_settings(3_000_000)
    assert "min_wal_size=6144MB" in settings and "max_wal_size=12288MB" in settings
    assert "shared_buffers=2GB" in settings and not any("fsync" in s or "synchronous" in s
                                                        for s in settings)
