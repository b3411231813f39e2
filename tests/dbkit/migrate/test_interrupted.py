"""A prod migration killed in the middle can be finished by running it again.

A real ``alembic upgrade head`` process, on a table of 200,000 recruits, is
killed (SIGKILL, then Ctrl-C) in the middle of 0008's batched backfill, which
commits batch by batch outside the revision's transaction. Running the same
command again finishes it, on prod, without ``allow_drift``, and every value is
checked afterwards, and the table's storage options are as before (a backfill lowers its
fillfactor for its own time).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT, alembic, run

from dbkit import online
from dbkit.state import progress

# `DBKIT_INTERRUPT_ROWS=2000000 pytest tests/dbkit/migrate/test_interrupted.py` for a heavier run.
ROWS = int(os.environ.get("DBKIT_INTERRUPT_ROWS", "200000"))
FEWER = ROWS // 2  # for Ctrl-C and the cut connection: enough to catch the backfill midway
FINISH = ("-x", "backup=off", "upgrade", "head")  # the same command, both times

# Everything but the cohort, which 0008 moves into cohorts; and the cohort, by formula.
FINGERPRINT = ("SELECT count(*), md5(string_agg(concat_ws('|', id, first_name, surname, "
               "rocketchat_user, github_name, personal_email_address), ',' ORDER BY id)) "
               "FROM recruits")
COHORT_OF_ID = "'C2' || (5 + id % 4) || ' Data Eng'"


@pytest.fixture
def prod_at_0007(use_database, engine, monkeypatch, request):
    """A prod database at 0007 holding ROWS recruits (``@pytest.mark.parametrize(
    "prod_at_0007", [n], indirect=True)`` for n) in four cohorts; returns its fingerprint."""
    rows = getattr(request, "param", ROWS)
    monkeypatch.setenv("ENV", "prod")
    alembic("-x", "backup=off", "upgrade", "0007")
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO recruits (first_name, surname, rocketchat_user, github_name, "
            "personal_email_address, cohort) "
            "SELECT 'First' || i, 'Sur' || i, 'chat' || i, 'gh' || i, 'r' || i || '@example.org', "
            f"'C2' || (5 + i % 4) || ' Data Eng' FROM generate_series(1, {rows}) AS i"))
    with engine.connect() as conn:
        return conn.execute(sa.text(FINGERPRINT)).one()


def start_upgrade(url: str, log_path) -> subprocess.Popen:
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    environ.update(ENV="prod", DATABASE_URL=url)
    # As a terminal starts it: a suite run in the background (`nohup make test &`) ignores
    # SIGINT, the child would inherit that, and Ctrl-C would never reach it.
    return subprocess.Popen([sys.executable, "-m", "alembic", *FINISH], cwd=PROJECT_ROOT,
                            env=environ, stdout=log_path.open("w"), stderr=subprocess.STDOUT,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for_backfill(engine, process: subprocess.Popen, past_id: int) -> None:
    """Until the backfill of 0008 has committed batches beyond ``past_id``."""
    deadline = time.monotonic() + 120
    while True:
        assert process.poll() is None, "the upgrade ended before it could be interrupted"
        assert time.monotonic() < deadline
        with engine.connect() as conn:
            found = progress.interrupted(conn)
        done = re.search(r"^backfill_in_batches recruits \(done up to id (\d+),",
                         found.step_name if found else "")
        if done and int(done.group(1)) > past_id:
            return
        time.sleep(0.01)


def cohort_ids_set(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT count(cohort_id) FROM recruits")).scalar()


def assert_every_value_kept(engine, fingerprint) -> None:
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0008"
        assert conn.execute(sa.text(FINGERPRINT)).one() == fingerprint
        wrong = conn.execute(sa.text(
            "SELECT count(*) FROM recruits r LEFT JOIN cohorts c ON c.id = r.cohort_id "
            f"WHERE c.name IS DISTINCT FROM {COHORT_OF_ID.replace('id', 'r.id')}")).scalar()
        assert wrong == 0
        assert conn.execute(sa.text("SELECT count(*) FROM cohorts")).scalar() == 4
        assert conn.execute(sa.text("SELECT to_regclass(:t)"),
                            {"t": progress.PROGRESS_TABLE}).scalar() is None
        # The room the backfill left for its updates is gone with it, and so is its record.
        assert conn.execute(sa.text(
            "SELECT reloptions FROM pg_class WHERE oid = 'recruits'::regclass")).scalar() is None
        assert conn.execute(sa.text("SELECT to_regclass(:t)"),
                            {"t": online.FILLFACTOR_KEPT}).scalar() is None
        assert conn.execute(sa.text(
            "SELECT bool_and(indisvalid) FROM pg_index WHERE indrelid = 'recruits'::regclass")
        ).scalar() is True
        assert conn.execute(sa.text(
            "SELECT convalidated FROM pg_constraint WHERE conname = 'fk_recruits_cohort_id_cohorts'")
        ).scalar() is True


@pytest.mark.slow
def test_a_prod_upgrade_killed_mid_backfill_is_finished_by_running_it_again(
        prod_at_0007, use_database, engine, tmp_path):
    killed = start_upgrade(use_database, tmp_path / "killed.log")
    wait_for_backfill(engine, killed, past_id=ROWS // 20)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)

    half_done = cohort_ids_set(engine)
    assert 0 < half_done < ROWS
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0007"
        found = progress.interrupted(conn)
        lowered = conn.execute(sa.text(
            "SELECT reloptions FROM pg_class WHERE oid = 'recruits'::regclass")).scalar()
    assert lowered == [f"fillfactor={online.BACKFILL_FILLFACTOR}"]  # killed mid-backfill
    assert found is not None
    assert (found.revision, found.step, found.steps) == ("0008", 1, 4)
    assert found.command == "ENV=prod alembic upgrade head"

    again = run("alembic", *FINISH, env={"ENV": "prod"}, url=use_database)

    assert again.returncode == 0, again.stderr
    assert "revision 0008 (Move cohorts into a cohorts table) was interrupted at step 1 of 4 " \
           "(backfill_in_batches recruits (done up to id" in again.stderr
    assert "changed by hand" not in again.stderr
    assert_every_value_kept(engine, prod_at_0007)


@pytest.mark.slow
@pytest.mark.parametrize("prod_at_0007", [FEWER], indirect=True)
def test_ctrl_c_mid_backfill_is_one_line_and_running_it_again_finishes(
        prod_at_0007, use_database, engine, tmp_path):
    log = tmp_path / "interrupted.log"
    interrupted = start_upgrade(use_database, log)
    wait_for_backfill(engine, interrupted, past_id=FEWER // 20)
    interrupted.send_signal(signal.SIGINT)
    code = interrupted.wait(timeout=60)
    output = log.read_text()

    assert code == 130, output
    assert "Traceback" not in output
    assert output.strip().splitlines()[-1].startswith(
        "error: interrupted: the prod database ")
    assert "stays at 0007 (Drop id_number" in output
    assert "revision 0008 (Move cohorts into a cohorts table) was interrupted at step 1 of 4" \
        in output
    assert "`ENV=prod alembic upgrade head` finishes it" in output
    assert 0 < cohort_ids_set(engine) < FEWER

    again = run("alembic", *FINISH, env={"ENV": "prod"}, url=use_database)
    assert again.returncode == 0, again.stderr
    assert_every_value_kept(engine, prod_at_0007)


@pytest.mark.slow
@pytest.mark.parametrize("prod_at_0007", [FEWER], indirect=True)
def test_the_connection_cut_mid_backfill_is_one_line_and_running_it_again_finishes(
        prod_at_0007, use_database, engine, tmp_path):
    """As a server restart does to the migrator: its backend ends in the middle of a batch."""
    log = tmp_path / "cut.log"
    cut = start_upgrade(use_database, log)
    wait_for_backfill(engine, cut, past_id=FEWER // 20)
    with engine.connect() as conn:
        assert conn.execute(sa.text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name "
            "= 'dbkit' AND datname = current_database() AND pid <> pg_backend_pid()")).scalar() == 1
    code = cut.wait(timeout=60)
    output = log.read_text()

    assert code == 1, output
    assert "Traceback" not in output
    last = output.strip().splitlines()[-1]
    assert last.startswith("error: the migration failed: "), last
    assert "terminating connection due to administrator command; the prod database " in last \
        or "server closed the connection unexpectedly; the prod database " in last
    assert "stays at 0007 (Drop id_number" in last
    assert "revision 0008 (Move cohorts into a cohorts table) was interrupted at step 1 of 4" in last
    assert last.endswith("fix the cause and run `ENV=prod alembic upgrade head` again to finish it")

    again = run("alembic", *FINISH, env={"ENV": "prod"}, url=use_database)
    assert again.returncode == 0, again.stderr
    assert_every_value_kept(engine, prod_at_0007)


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("DBKIT_SLOW_TESTS"),
                    reason="starts and restarts a server of its own: DBKIT_SLOW_TESTS=1")
def test_the_server_restarted_mid_backfill_is_one_line_and_running_it_again_finishes(tmp_path):
    from dbkit.pg.server import throwaway_server

    server = throwaway_server()
    try:
        url = server.url
        engine = sa.create_engine(url)
        prod = {"ENV": "prod"}
        assert run("alembic", "-x", "backup=off", "upgrade", "0007", env=prod,
                   url=url).returncode == 0
        with engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO recruits (first_name, surname, rocketchat_user, github_name, "
                "personal_email_address, cohort) SELECT 'First' || i, 'Sur' || i, 'chat' || i, "
                "'gh' || i, 'r' || i || '@example.org', 'C2' || (5 + i % 4) || ' Data Eng' "
                f"FROM generate_series(1, {FEWER}) AS i"))
        with engine.connect() as conn:
            fingerprint = conn.execute(sa.text(FINGERPRINT)).one()
        log = tmp_path / "restarted.log"
        upgrade = start_upgrade(url, log)
        wait_for_backfill(engine, upgrade, past_id=FEWER // 20)
        engine.dispose()
        server.stop()  # a fast shutdown: every session is ended, as on a restart
        code = upgrade.wait(timeout=60)
        output = log.read_text()
        server.start()

        assert code == 1, output
        assert "Traceback" not in output
        last = output.strip().splitlines()[-1]
        assert last.startswith("error: the migration failed: "), last
        assert "keeps every revision that finished" in last or "stays at 0007" in last, last

        again = run("alembic", *FINISH, env=prod, url=url)
        assert again.returncode == 0, again.stderr
        assert "was interrupted at step 1 of 4" in again.stderr
        assert_every_value_kept(engine, fingerprint)
        engine.dispose()
    finally:
        server.remove()
