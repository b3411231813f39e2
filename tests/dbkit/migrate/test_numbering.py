"""Revision ids never collide: `alembic revision -m` and `alembic revision --autogenerate` both
run env.py's numbering (revision_environment = true), after the highest number in the chain,
whatever the head's id looks like; an id already taken is refused before a file is written.

In the repository's layout (alembic.ini + migrations/ + models.py) and in the working folder
`python -m dbkit step` lays out (exercise/work: alembic.ini with prepend_sys_path = %(here)s).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from support.commands import PROJECT_ROOT

from dbkit import database
from dbkit.exercise import workspace
from dbkit.migrate import numbering

HASH_REVISION = '''"""Written with a hash id, before revision_environment

Revision ID: 3f9a2c1b7d4e
Revises: {down}
"""
revision = "3f9a2c1b7d4e"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
'''

NICKNAME = '''    nickname: Mapped[str | None] = mapped_column(String(50))
'''


def alembic(cwd: Path, ini: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    environ.update(ENV="dev", DATABASE_URL=url, PYTHONPATH=str(PROJECT_ROOT))
    return subprocess.run([sys.executable, "-m", "alembic", "-c", str(ini), *args], cwd=cwd,
                          env=environ, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)


def heads(cwd: Path, ini: Path, url: str) -> list[str]:
    result = alembic(cwd, ini, url, "heads")
    assert result.returncode == 0, result.stderr
    return [line.split()[0] for line in result.stdout.splitlines() if line.strip()]


def files(versions: Path) -> list[str]:
    return sorted(p.name for p in versions.glob("*.py"))


def add_nickname(models: Path) -> None:
    text = models.read_text()
    anchor = "    github_name"
    assert anchor in text
    models.write_text(text.replace(anchor, NICKNAME + anchor, 1))


def test_next_id_follows_the_highest_number_whatever_the_head():
    assert numbering.next_id([]) == "0001"
    assert numbering.next_id(["0001", "0002", "3f9a2c1b7d4e"]) == "0003"
    assert numbering.next_id(["0009", "0010"]) == "0011"


@pytest.mark.slow  # the whole reference chain, upgraded twice: make test-slow
def test_repository_layout_by_hand_then_autogenerate_leaves_one_head(database_url, tmp_path):
    shutil.copytree(PROJECT_ROOT / "migrations", tmp_path / "migrations",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "alembic.ini", tmp_path / "alembic.ini")
    shutil.copy(PROJECT_ROOT / "models.py", tmp_path / "models.py")
    ini, versions = tmp_path / "alembic.ini", tmp_path / "migrations" / "versions"
    assert alembic(tmp_path, ini, database_url, "upgrade", "head").returncode == 0

    by_hand = alembic(tmp_path, ini, database_url, "revision", "-m", "by hand")
    assert by_hand.returncode == 0, by_hand.stderr
    assert "0009_by_hand.py" in files(versions)
    assert alembic(tmp_path, ini, database_url, "upgrade", "head").returncode == 0

    add_nickname(tmp_path / "models.py")
    auto = alembic(tmp_path, ini, database_url, "revision", "--autogenerate", "-m", "nickname")
    assert auto.returncode == 0, auto.stderr
    assert "0010_nickname.py" in files(versions)
    assert "add_column('recruits', sa.Column('nickname'" in (versions / "0010_nickname.py").read_text()
    assert heads(tmp_path, ini, database_url) == ["0010"]


@pytest.mark.slow
def test_a_hash_id_head_and_a_taken_id(database_url, tmp_path):
    shutil.copytree(PROJECT_ROOT / "migrations", tmp_path / "migrations",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "alembic.ini", tmp_path / "alembic.ini")
    shutil.copy(PROJECT_ROOT / "models.py", tmp_path / "models.py")
    ini, versions = tmp_path / "alembic.ini", tmp_path / "migrations" / "versions"
    (versions / "3f9a2c1b7d4e_hash.py").write_text(HASH_REVISION.format(down="0008"))

    after_hash = alembic(tmp_path, ini, database_url, "revision", "-m", "after the hash")
    assert after_hash.returncode == 0, after_hash.stderr
    assert "0009_after_the_hash.py" in files(versions)
    assert heads(tmp_path, ini, database_url) == ["0009"]

    before = files(versions)
    taken = alembic(tmp_path, ini, database_url, "revision", "--rev-id", "0003", "-m", "again")
    assert taken.returncode != 0
    assert "error: revision id 0003 is already in the chain: no file was written" in taken.stderr
    assert "Traceback" not in taken.stderr
    assert files(versions) == before

    # A teammate's draft named 0010_... but with another id: the next number's file name is taken.
    (versions / "0010_draft.py").write_text(
        HASH_REVISION.replace("3f9a2c1b7d4e", "d7af7e5a0b1c").format(down="0009"))
    clash = alembic(tmp_path, ini, database_url, "revision", "-m", "clash")
    assert clash.returncode != 0
    assert "0010_draft.py already starts with 0010: no file was written" in clash.stderr
    assert files(versions) == sorted([*before, "0010_draft.py"])


@pytest.fixture
def work(pg_server, database_url, monkeypatch):
    """The working folder `python -m dbkit step` lays out, inside the project (its scripts find
    dbkit two folders up), with the first moment's models."""
    folder = PROJECT_ROOT / "exercise" / f"work-num-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("DBKIT_EXERCISE_DIR", str(folder))
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    workspace.lay_out(database.Target("dev", url, "the test's dev"),
                      database.Target("prod", url, "the test's prod"))
    for source in (PROJECT_ROOT / "exercise" / "1-recruit").glob("*.py"):
        shutil.copy(source, folder / source.name)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_working_folder_by_hand_then_autogenerate_leaves_one_head(work, database_url):
    ini, versions = work / "alembic.ini", work / "migrations" / "versions"
    assert "revision_environment = true" in ini.read_text()

    by_hand = alembic(PROJECT_ROOT, ini, database_url, "revision", "-m", "start")
    assert by_hand.returncode == 0, by_hand.stderr
    assert files(versions) == ["0001_start.py"]
    assert alembic(PROJECT_ROOT, ini, database_url, "upgrade", "head").returncode == 0

    auto = alembic(PROJECT_ROOT, ini, database_url, "revision", "--autogenerate", "-m",
                   "Create recruits")
    assert auto.returncode == 0, auto.stderr
    assert files(versions) == ["0001_start.py", "0002_create_recruits.py"]
    assert "create_table('recruits'" in (versions / "0002_create_recruits.py").read_text()
    assert heads(PROJECT_ROOT, ini, database_url) == ["0002"]
