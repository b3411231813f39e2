"""Seeding adds nobody twice at any moment of the exercise.

The C25 recruits are written at moment 1 (no address in the models); 0003 gives
them placeholder addresses. Running ``create_recruits.py --seed 25`` again, at
that moment or at the next (models with an address), must find them there.
"""

from __future__ import annotations

import shutil
import uuid

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT, add_revisions, run, use_moment
from support.sql import rows

from dbkit.database import Target
from dbkit.exercise import workspace


@pytest.fixture
def work(monkeypatch, owned_url):
    folder = PROJECT_ROOT / "exercise" / f"work-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("DBKIT_EXERCISE_DIR", str(folder))
    dev = Target("dev", sa.make_url(owned_url), "test")
    workspace.lay_out(dev, dev)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def step(work, *argv: str) -> str:
    environ = {"DBKIT_ENV_DIR": str(work), "ENV": "dev"}
    if argv[0] == "alembic":
        argv = ("alembic", "-c", str(work / "alembic.ini"), *argv[1:])
    else:
        argv = (str(work / argv[0]), *argv[1:])
    result = run(*argv, env=environ)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.slow
def test_create_recruits_twice_at_each_moment_adds_the_ten_once(work, owned_url):
    use_moment(work, "1-recruit")
    add_revisions(work, "0001")
    step(work, "alembic", "upgrade", "head")
    assert "Wrote 10 new recruits" in step(work, "create_recruits.py", "--seed", "25")
    again = step(work, "create_recruits.py", "--seed", "25")
    assert "Wrote 0 new recruits" in again and "10 were already there" in again

    # The next moment: the models have an address; 0003 gave the ten placeholders.
    use_moment(work, "2-email")
    add_revisions(work, "0002", "0003", "0004")
    step(work, "alembic", "upgrade", "head")
    later = step(work, "create_recruits.py", "--seed", "25")

    assert "Wrote 0 new recruits" in later and "10 were already there" in later, later
    assert rows(owned_url, "SELECT count(*), count(DISTINCT github_name) FROM recruits") == \
        [(10, 10)]
