"""``review --run``: a learner's chain applied with rows, every value followed, on a real server."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

from dbkit import sandbox
from dbkit.cli import review_run
from dbkit.review.run import FAILED, FAILS_POPULATED, LOSES, NOT_RUN, OK, RESTORES, run_chain
from dbkit.review.run.accounting import LOST, MOVED
from dbkit.review.run.data import NULL_EVERY

pytestmark = pytest.mark.bubblewrap

CORPUS = Path(__file__).parent / "run_corpus"


def verdict(step, column: str):
    return next(v for v in step.values if f"{v.table}.{v.column}" == column)


@pytest.fixture(scope="module")
def session(pg_server):
    """One sandbox process for the module's trusted chains (a class gives each learner one)."""
    with sandbox.Session("dbkit.review.run.worker", total_timeout_s=600,
                         network=pg_server.socket_dir) as shared:
        yield shared


def static(path: str) -> list:
    return review_run.static_findings(path, sql=False)


@pytest.fixture
def reviewed(pg_server, session):
    def review(chain: str, **kwargs):
        run = run_chain(CORPUS / chain, pg_server, session=session, **kwargs)
        return run, review_run.report_for(str(CORPUS / chain), static, run)
    return review


def finding(report: dict, rule: str) -> dict:
    return next(f for f in report["findings"] if f["rule"] == rule)


def test_a_drop_and_add_is_confirmed_lost_and_its_downgrade_gives_nothing_back(reviewed) -> None:
    run, report = reviewed("drop_add")

    step = run.steps[1]
    assert step.upgrade == OK and step.rows_before == {"recruits": 12}
    assert verdict(step, "recruits.chatname").kind == LOST
    assert verdict(step, "recruits.full_name").kind == "survived"
    static = finding(report, "rename-as-drop-add")
    assert static["confirmed"] is True and static["severity"] == "error"
    assert "12 of 12 values lost" in static["reason"]
    assert step.downgrade == LOSES and report["errors"] >= 1
    assert report["run"]["revisions"][1]["values"][0].keys() >= {"table", "column", "kind"}


def test_an_upgrade_taking_op_with_a_default_runs_with_alembic_s_op(reviewed) -> None:
    """CTFd's plugins write ``def upgrade(op=None)`` (their loader passes ``op=op``): the run
    passes Alembic's op by name, so the revisions run and the drop is confirmed."""
    run, report = reviewed("op_with_a_default")

    assert [step.upgrade for step in run.steps] == [OK, OK]
    assert verdict(run.steps[1], "badges.colour").kind == LOST
    dropped = finding(report, "data-dropped")
    assert dropped["confirmed"] is True and dropped["severity"] == "error"


def test_a_rename_through_a_helper_function_is_shown_moved(reviewed) -> None:
    run, report = reviewed("helper_rename")

    moved = verdict(run.steps[1], "recruits.chatname")
    assert (moved.kind, moved.where, moved.kept) == (MOVED, "recruits.rocketchat_user", 12)
    assert run.steps[1].downgrade == RESTORES
    assert report["errors"] == 0


def test_a_drop_and_add_in_sql_variables_is_lost_though_the_static_reading_sees_nothing(reviewed) -> None:
    run, report = reviewed("sql_in_variable")

    assert not any(f["rule"] in ("rename-as-drop-add", "data-dropped") for f in report["findings"])
    assert verdict(run.steps[1], "recruits.chatname").kind == LOST
    lost = finding(report, "run:values-lost")
    assert lost["severity"] == "error" and "recruits.chatname" in lost["message"]


def test_a_copy_through_a_temporary_table_is_shown_moved(reviewed) -> None:
    run, report = reviewed("temp_table_copy")

    assert not [f for f in report["findings"] if f["severity"] == "error"]
    moved = verdict(run.steps[1], "recruits.chatname")
    assert (moved.kind, moved.where) == (MOVED, "recruits.rocketchat_user")
    assert run.steps[1].downgrade == RESTORES


def test_an_archive_copied_with_sqlalchemy_core_is_seen_and_confirmed(reviewed) -> None:
    run, report = reviewed("core_archive")

    # op.create_table returns the Table the Core insert ... from_select fills: a copy
    assert not [f for f in report["findings"] if f["rule"] == "data-dropped"]
    assert run.steps[1].downgrade == RESTORES and report["errors"] == 0


def test_a_column_split_in_two_is_shown_derived(reviewed) -> None:
    run, report = reviewed("split_name")

    split = verdict(run.steps[1], "recruits.full_name")
    assert split.kind == "derived" and split.where in ("recruits.first_name", "recruits.last_name")
    assert run.steps[1].downgrade == RESTORES and report["errors"] == 0


def test_a_backfill_written_with_sqlalchemy_core_is_confirmed_by_the_run(reviewed) -> None:
    run, report = reviewed("core_backfill")

    step = run.steps[1]
    assert step.upgrade == OK and step.rows_before == {"recruits": 12}
    assert not [f for f in report["findings"] if f["severity"] == "error"]
    kept = verdict(step, "recruits.email")
    assert kept.kind == "survived" and kept.values == 12 - 12 // NULL_EVERY  # some had none


def test_not_null_without_backfill_fails_on_a_populated_table(reviewed) -> None:
    run, report = reviewed("not_null_no_backfill", downgrades=False)

    step = run.steps[1]
    assert step.upgrade == FAILS_POPULATED and "NotNullViolation" in step.error
    assert finding(report, "not-null-without-backfill")["confirmed"] is True


HOSTILE = '''
import os
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    if os.getuid() == 0 and {root!r}:
        raise RuntimeError("ran as root")
    for name in ("DBKIT_FAKE_SECRET", "DATABASE_URL", "PGPASSWORD"):
        if os.environ.get(name):
            raise RuntimeError("leaked " + name)
    try:
        open(os.path.join({victim!r}, "pwned-open"), "w").write("x")
    except OSError:
        pass
    os.system("touch " + os.path.join({victim!r}, "pwned-system") + " 2>/dev/null")
    op.add_column("recruits", sa.Column("note", sa.Text))


def downgrade():
    op.drop_column("recruits", "note")
'''

COPY_TO_PROGRAM = '''
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("COPY (SELECT 1) TO PROGRAM 'touch {victim}/pwned-copy'")


def downgrade():
    pass
'''


def test_a_hostile_chain_reaches_neither_the_users_files_nor_secrets_nor_the_servers_shell(
        pg_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "home"
    victim.mkdir(mode=0o777 if os.geteuid() != 0 else 0o755)
    victim.chmod(0o755)
    chain = tmp_path / "versions"
    chain.mkdir()
    shutil.copy(CORPUS / "drop_add" / "0001_create_recruits.py", chain)
    (chain / "0002_probe.py").write_text(
        textwrap.dedent(HOSTILE.format(victim=str(victim), root=os.geteuid() == 0)))
    (chain / "0003_copy_to_program.py").write_text(COPY_TO_PROGRAM.format(victim=victim))
    monkeypatch.setenv("DBKIT_FAKE_SECRET", "fake-secret-4242")
    monkeypatch.setenv("PGPASSWORD", pg_server.password)

    run = run_chain(chain, pg_server, downgrades=False)

    assert run.steps[1].upgrade == OK, run.steps[1].error
    assert run.steps[2].upgrade == FAILED
    assert "permission denied" in run.steps[2].error.lower() or "must be" in run.steps[2].error
    assert list(victim.iterdir()) == [] or os.geteuid() != 0
    assert not (victim / "pwned-copy").exists()


def test_a_table_made_outside_the_chain_is_not_run_not_a_finding(reviewed) -> None:
    run, report = reviewed("outside_the_chain")

    step = run.steps[0]
    assert step.upgrade == NOT_RUN
    assert step.error.startswith("not run, because table recruits is made outside the chain")
    assert not [f for f in report["findings"] if f["rule"] == "run:upgrade-failed"]
    assert finding(report, "run:not-run")["severity"] == "warning"
    assert report["errors"] == 0


def test_a_schema_file_gives_the_chain_its_starting_tables(reviewed) -> None:
    run, report = reviewed("outside_the_chain",
                           schema=CORPUS / "outside_the_chain" / "schema.sql")

    assert run.steps[0].upgrade == OK and run.steps[0].rows_before == {"recruits": 12}
    assert report["errors"] == 0


def test_a_missing_module_is_not_run_because_of_the_environment(reviewed) -> None:
    run, report = reviewed("needs_the_app")

    assert run.steps[0].upgrade == OK
    step = run.steps[1]
    assert step.upgrade == NOT_RUN and "recruiting_app is missing" in step.error
    assert "--python" in step.error
    assert not [f for f in report["findings"] if f["rule"] == "run:upgrade-failed"]
