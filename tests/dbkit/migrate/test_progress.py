"""The record of a revision in progress: what it counts, and that a finished run leaves none."""

from __future__ import annotations

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
