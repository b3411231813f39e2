"""``-c/--config FILE`` on status, report and situation, as on drift: the chain a user names.

A copy of the repository's chain with one more revision (0009, "Add nickname"), and a dev
database upgraded to it: with ``-c`` every command names that chain's revisions; without it,
the repository's chain does not know 0009, and the commands say so (situation changes nothing).
"""

from __future__ import annotations

import shutil

import pytest
from support.chain_copy import chain_with_0009
from support.commands import PROJECT_ROOT, run
from support.sql import execute, scalar


@pytest.fixture
def chain(tmp_path):
    """A chain of its own (alembic.ini, migrations/, models.py) one revision past ours."""
    folder = tmp_path / "chain"
    folder.mkdir()
    chain_with_0009(folder, "Add nickname",
                    'op.add_column("recruits", sa.Column("nickname", sa.String(40)))',
                    'op.drop_column("recruits", "nickname")', name="0009_add_nickname.py")
    shutil.copy(PROJECT_ROOT / "models.py", folder)
    return folder


@pytest.fixture
def environ(tmp_path, clone, chain):
    """Env files naming a dev (upgraded to the chain's 0009) and a prod at 0008."""
    dev, prod = clone(), clone("prod")
    for env, url in (("dev", dev), ("prod", prod)):
        (tmp_path / f".env.{env}").write_text(f"DATABASE_URL={url}\n")
    upgraded = run("-m", "alembic", "-c", str(chain / "alembic.ini"), "upgrade", "head",
                   env={"ENV": "dev", "DBKIT_ENV_DIR": str(tmp_path)})
    assert upgraded.returncode == 0, upgraded.stderr
    return {"DBKIT_ENV_DIR": str(tmp_path), "COLUMNS": "250"}, dev


@pytest.mark.slow
def test_status_and_report_name_the_chain_given_with_c(environ, chain):
    env, dev = environ
    config = str(chain / "alembic.ini")

    status = run("-m", "dbkit", "status", "-c", config, env=env)
    assert status.returncode == 0, status.stderr
    assert "0009 (Add nickname)" in status.stdout
    assert "0008 (" in status.stdout  # prod, on the same chain
    without = run("-m", "dbkit", "status", env=env)
    assert "0009 (a revision the chain in use" in without.stdout

    report = run("-m", "dbkit", "report", "dev", "--config", config, env=env)
    assert report.returncode == 0, report.stderr
    assert "0009 (Add nickname)" in report.stdout and "C25 Data Eng" in report.stdout
    assert "10" in report.stdout
    behind = run("-m", "dbkit", "report", "prod", "-c", config, env=env)
    assert f"not at head: run `ENV=prod alembic -c {config} upgrade head`" in behind.stdout
    assert scalar(dev, "SELECT version_num FROM alembic_version") == "0009"


@pytest.mark.slow
def test_situation_moves_dev_along_the_chain_given_with_c(environ, chain):
    env, dev = {**environ[0], "ENV": "dev"}, environ[1]
    config = str(chain / "alembic.ini")

    refused = run("-m", "dbkit", "situation", "1", env=env)  # our chain has no 0009
    assert refused.returncode == 2
    (error,) = [line for line in refused.stderr.splitlines() if "error" in line.lower()]
    assert error.startswith("error: dev is at 0009 (a revision the chain in use, ")
    assert error.endswith("does not have): pass that chain's alembic.ini with -c "
                          "(nothing was changed)")
    assert "Traceback" not in refused.stderr
    assert scalar(dev, "SELECT version_num FROM alembic_version") == "0009"  # nothing changed

    done = run("-m", "dbkit", "situation", "1", "-c", config, env=env)
    assert done.returncode == 0, done.stderr
    assert "dev is at 0009 (Add nickname); moving it to 0004 first" in done.stdout
    assert f"python -m dbkit drift -c {config}" in done.stdout
    assert scalar(dev, "SELECT version_num FROM alembic_version") == "0004"
    assert scalar(dev, "SELECT count(*) FROM recruits WHERE cohort = 'C25 Data Eng'") == 10
    execute(dev, "SELECT 1")


def test_c_naming_no_file_is_one_line_and_exit_2(environ):
    env, dev = environ
    for command in ("status", "report", "situation"):
        argv = ["-m", "dbkit", command, *(["1"] if command == "situation" else []),
                "-c", "nowhere/alembic.ini"]
        result = run(*argv, env={**env, "ENV": "dev"})
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr == "error: no Alembic configuration at nowhere/alembic.ini: pass " \
                                "the path of an alembic.ini with -c\n"
    assert scalar(dev, "SELECT version_num FROM alembic_version") == "0009"
