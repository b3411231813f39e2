"""The record of a revision in progress: what it counts, and that a finished run leaves none."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from support.commands import alembic

from dbkit.state import progress

REVISION = """
from alembic import op
from dbkit import online
from dbkit.online import add_not_null, backfill_in_batches


def upgrade() -> None:
    op.add_column("t", None)
    backfill_in_batches("t", set_="a = 1", where="a IS NULL")
    add_not_null("t", "a")
    online.create_index("ix_t_a", "t", ["a"])


def downgrade() -> None:
    add_not_null("t", "b")
"""


def test_the_online_steps_of_a_revision_are_counted_from_its_upgrade(tmp_path):
    online_revision = tmp_path / "0001_online.py"
    online_revision.write_text(REVISION)
    plain = tmp_path / "0002_plain.py"
    plain.write_text("def upgrade() -> None:\n    pass\n")
    broken = tmp_path / "0003_broken.py"
    broken.write_text("def upgrade(:\n")

    assert progress.count_online_steps(str(online_revision)) == 3
    assert progress.count_online_steps(str(plain)) is None
    assert progress.count_online_steps(str(broken)) is None
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
