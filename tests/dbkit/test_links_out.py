"""A reviewed or graded repository cannot make dbkit read files outside it through links.

A learner's repository is untrusted: its alembic.ini, pyproject.toml or versions folder may be
a symbolic link to /etc/shadow or to another learner's files. `dbkit review` and `dbkit grade`
refuse such a file in one line naming it (project.inside, the one check), and read nothing
outside: the files outside are another learner's valid chain (reviewed, it would be named in
the output) and a FIFO (read, it would block until the timeout).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from support.commands import PROJECT_ROOT, run

SHOP = PROJECT_ROOT / "docs" / "examples" / "shop"


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p): ("fifo" if p.is_fifo() else hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if not p.is_dir()}


@pytest.fixture
def outside(tmp_path):
    """Another learner's repository (a valid chain), and a FIFO standing in for a secret."""
    other = tmp_path / "other"
    shutil.copytree(SHOP, other, ignore=shutil.ignore_patterns("__pycache__"))
    (other / "migrations" / "versions" / "0001_create_orders.py").rename(
        other / "migrations" / "versions" / "0001_another_learners_secret.py")
    os.mkfifo(tmp_path / "shadow")
    return tmp_path


@pytest.fixture
def learner(outside):
    repo = outside / "learner"
    shutil.copytree(SHOP, repo, ignore=shutil.ignore_patterns("__pycache__"))
    return repo


def refused(command: str, repo: Path, link: Path, outside: Path):
    before = snapshot(outside / "other")
    result = run("-m", "dbkit", command, str(repo))
    lines = [line for line in (result.stdout + result.stderr).splitlines() if "leads out" in line]
    assert lines, result.stdout + result.stderr
    assert f"{link} leads out of {repo} (to " in lines[0] and lines[0].endswith("not read")
    assert "another_learners_secret" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(outside / "other") == before  # nothing outside written
    return result


@pytest.mark.slow
@pytest.mark.parametrize("command", ["review", "grade"])
def test_an_alembic_ini_linked_to_another_learners_chain_is_refused(command, learner, outside):
    (learner / "alembic.ini").unlink()
    (learner / "alembic.ini").symlink_to(outside / "other" / "alembic.ini")
    result = refused(command, learner, learner / "alembic.ini", outside)
    if command == "review":
        assert result.returncode == 2
        assert result.stderr.strip() == (f"error: {learner}/alembic.ini leads out of {learner} "
                                         f"(to {outside}/other/alembic.ini): not read")


def test_a_versions_folder_linked_to_another_learners_is_refused(learner, outside):
    shutil.rmtree(learner / "migrations" / "versions")
    (learner / "migrations" / "versions").symlink_to(outside / "other" / "migrations" / "versions")
    result = refused("review", learner, learner / "migrations" / "versions", outside)
    assert result.returncode == 2


def test_an_alembic_ini_linked_to_a_secret_is_never_opened(learner, outside):
    (learner / "alembic.ini").unlink()
    (learner / "alembic.ini").symlink_to(outside / "shadow")  # a FIFO: opening it blocks
    result = refused("review", learner, learner / "alembic.ini", outside)
    assert result.returncode == 2


def test_a_pyproject_linked_to_another_learners_is_refused(learner, outside):
    secret = outside / "other" / "pyproject.toml"
    secret.write_text('[tool.dbkit.review]\nseverity = { "squawk:*" = "off" }\n')
    (learner / "pyproject.toml").symlink_to(secret)
    result = refused("review", learner, learner / "pyproject.toml", outside)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"error: {learner}/pyproject.toml leads out of {learner} "
                                     f"(to {secret}): not read")


def test_links_inside_the_repository_are_followed(learner):
    (learner / "config").mkdir()
    (learner / "alembic.ini").rename(learner / "config" / "alembic.ini")
    (learner / "config" / "alembic.ini").write_text(
        (learner / "config" / "alembic.ini").read_text().replace("%(here)s/migrations",
                                                                 "%(here)s/../migrations"))
    (learner / "alembic.ini").symlink_to(learner / "config" / "alembic.ini")
    result = run("-m", "dbkit", "review", str(learner))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "leads out" not in result.stdout + result.stderr
