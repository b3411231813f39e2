"""Set-up that cannot surprise: the wrong interpreter is one line (or the project's .venv is
used), and the Alembic console script works from every configuration the docs show."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT, add_revisions, use_moment

from dbkit.database import Target

ALEMBIC = Path(sys.executable).parent / "alembic"


def bare(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    """This Python without its site-packages (-S): no SQLAlchemy, no alembic, as a system one."""
    return subprocess.run([sys.executable, "-S", *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_a_python_without_the_packages_is_one_line_naming_the_fix(tmp_path):
    shutil.copytree(PROJECT_ROOT / "dbkit", tmp_path / "dbkit")  # a checkout without .venv

    result = bare("-m", "dbkit", "status", cwd=tmp_path)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {sys.executable} lacks the package sqlalchemy")
    assert line.endswith(f"run `make venv` in {tmp_path}, then use `.venv/bin/python -m dbkit` "
                         "(or `. .venv/bin/activate` once per shell)")


@pytest.mark.skipif(not (PROJECT_ROOT / ".venv" / "bin" / "python").is_file(),
                    reason="needs the project's .venv")
def test_another_python_runs_the_command_with_the_projects_venv(tmp_path):
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    result = subprocess.run([str(base), "-S", "-m", "dbkit", "step"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "running " + str(PROJECT_ROOT / ".venv" / "bin" / "python") in result.stderr
    assert result.stdout.startswith("dev-1 ")


@pytest.mark.slow
def test_the_console_script_works_with_the_working_folders_ini(owned_url, monkeypatch):
    from dbkit.exercise import workspace

    work = PROJECT_ROOT / "exercise" / f"work-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("DBKIT_EXERCISE_DIR", str(work))
    dev = Target("dev", sa.make_url(owned_url), "test")
    try:
        workspace.lay_out(dev, dev)
        use_moment(work, "1-recruit")
        add_revisions(work, "0001")
        environ = {"DBKIT_ENV_DIR": str(work), "ENV": "dev", "PATH": "/usr/bin:/bin"}
        for cwd in (PROJECT_ROOT, work):  # from the root as the docs show it, and from inside
            ini = work.relative_to(PROJECT_ROOT) / "alembic.ini" if cwd == PROJECT_ROOT \
                else Path("alembic.ini")
            upgraded = subprocess.run([str(ALEMBIC), "-c", str(ini), "upgrade", "head"], cwd=cwd,
                                      env=environ, capture_output=True, text=True, timeout=120)
            assert upgraded.returncode == 0, upgraded.stderr
            current = subprocess.run([str(ALEMBIC), "-c", str(ini), "current"], cwd=cwd,
                                     env=environ, capture_output=True, text=True, timeout=120)
            assert current.returncode == 0, current.stderr
            assert "0001" in current.stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_the_console_script_works_with_the_repositorys_ini_from_elsewhere(tmp_path, use_database):
    result = subprocess.run([str(ALEMBIC), "-c", str(PROJECT_ROOT / "alembic.ini"), "heads"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "(head)" in result.stdout
