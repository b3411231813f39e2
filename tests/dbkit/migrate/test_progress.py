"""The record of a revision in progress: what it counts, and that a finished run leaves none."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from conftest import PROJECT_ROOT, alembic

from dbkit.migrate import progress


def revision_file(number: str) -> str:
    return str(next((PROJECT_ROOT / "migrations" / "versions").glob(f"{number}_*.py")))


def test_the_online_steps_of_a_revision_are_counted_from_its_source():
    assert progress.count_online_steps(revision_file("0008")) == 4
    assert progress.count_online_steps(revision_file("0005")) == 2
    assert progress.count_online_steps(revision_file("0003")) == 1
    assert progress.count_online_steps(revision_file("0001")) is None
    assert progress.count_online_steps(None) is None


def test_a_finished_run_leaves_no_record_and_none_is_interrupted(use_database, engine):
    alembic("upgrade", "head")
    with engine.connect() as conn:
        assert progress.interrupted(conn) is None
        assert conn.execute(sa.text("SELECT to_regclass(:t)"),
                            {"t": progress.PROGRESS_TABLE}).scalar() is None


def test_another_command_on_an_interrupted_prod_is_refused_with_the_one_that_finishes_it(
        use_database, engine, monkeypatch):
    monkeypatch.setenv("ENV", "prod")
    alembic("-x", "backup=off", "upgrade", "0007")
    with engine.begin() as conn:  # as a run killed in 0008's backfill leaves it
        progress.record(conn, "0008", 1, 4, "backfill_in_batches recruits",
                        "ENV=prod alembic upgrade head")

    with pytest.raises(SystemExit) as stopped:
        alembic("-x", "confirm=prod", "-x", "backup=off", "downgrade", "-1")
    message = str(stopped.value.code)
    assert message.startswith("error: revision 0008 (Move cohorts into a cohorts table) was "
                              "interrupted at step 1 of 4 (backfill_in_batches recruits), started ")
    assert message.endswith("; finish it first with `ENV=prod alembic upgrade head`; "
                            "nothing was changed")
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0007"
        assert progress.interrupted(conn).revision == "0008"
