"""dbkit installed as a user installs it, from a fresh clone: `pip install <clone>`, the wheel and
the sdist built with `python -m build`, and the pre-commit hook through the real
`pre-commit try-repo`. These install from the package registry, so they run under
`make package` (DBKIT_PACKAGE_TESTS=1), not `make test`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.commands import PROJECT_ROOT

pytestmark = pytest.mark.skipif(not os.environ.get("DBKIT_PACKAGE_TESTS"),
                                reason="installs from the package registry: `make package` runs it")

BUILD = "build==1.6.1"
PRE_COMMIT = "pre-commit==4.7.0"
CORPUS = PROJECT_ROOT / "tests" / "dbkit" / "review" / "corpus" / "rename-as-drop-add"


def sh(*argv: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
       check: bool = True) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("ENV", "DATABASE_URL", "PYTHONPATH", "VIRTUAL_ENV")}
    environ.update(env or {})
    result = subprocess.run([str(a) for a in argv], cwd=cwd, env=environ, capture_output=True,
                            text=True, stdin=subprocess.DEVNULL, timeout=1200)
    if check and result.returncode != 0:
        raise AssertionError(f"{argv} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def venv(folder: Path) -> Path:
    sh(sys.executable, "-m", "venv", folder)
    sh(folder / "bin" / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    return folder / "bin"


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A fresh clone of this repository's committed state, as a user gets it."""
    folder = tmp_path_factory.mktemp("clone") / "dbkit"
    sh("git", "clone", "--quiet", PROJECT_ROOT, folder)
    return folder


def project(folder: Path, case: str) -> Path:
    """Someone else's project: alembic.ini, migrations/ holding one corpus chain, a git repo."""
    shutil.copytree(CORPUS / case, folder / "migrations" / "versions")
    (folder / "migrations" / "env.py").write_text("# their env.py\n")
    (folder / "alembic.ini").write_text("[alembic]\nscript_location = migrations\n")
    sh("git", "init", "--quiet", folder)
    sh("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", "-A", cwd=folder)
    sh("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "--quiet",
       "-m", "chain", cwd=folder)
    return folder


def reviews_another_project(bin_dir: Path, tmp_path: Path) -> None:
    assert sh(bin_dir / "dbkit", "--help").stdout.startswith("usage: dbkit <command>")
    theirs = project(tmp_path / "theirs", "rename_as_drop_add")
    result = sh(bin_dir / "dbkit", "review", cwd=theirs, check=False)
    assert result.returncode == 1, result.stderr
    assert "rename-as-drop-add" in result.stdout and "0002_rename_chatname.py" in result.stdout
    assert "Traceback" not in result.stderr
    outside = sh(bin_dir / "dbkit", "up", cwd=theirs, check=False)
    assert outside.returncode == 2 and "belongs to the migrations exercise" in outside.stderr


def test_pip_install_of_a_clone_gives_a_dbkit_that_reviews_another_project(clone, tmp_path):
    bin_dir = venv(tmp_path / "venv")
    sh(bin_dir / "pip", "install", "--quiet", clone)
    version = sh(bin_dir / "dbkit", "--version").stdout.strip()
    assert version.startswith("dbkit ") and version.split()[1] in (clone / "CHANGELOG.md").read_text()
    reviews_another_project(bin_dir, tmp_path)


def test_the_wheel_and_sdist_build_and_the_wheel_installs_into_a_fresh_environment(clone, tmp_path):
    builder = venv(tmp_path / "builder")
    sh(builder / "pip", "install", "--quiet", BUILD)
    sh(builder / "python", "-m", "build", "--sdist", "--wheel", "--outdir", tmp_path / "dist", clone)
    wheels = sorted((tmp_path / "dist").glob("dbkit-*.whl"))
    sdists = sorted((tmp_path / "dist").glob("dbkit-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1
    bin_dir = venv(tmp_path / "venv")
    sh(bin_dir / "pip", "install", "--quiet", wheels[0])
    reviews_another_project(bin_dir, tmp_path)


@pytest.mark.parametrize("case, fails", [("rename_as_drop_add", True), ("real_rename", False)])
def test_pre_commit_try_repo_fails_on_drop_and_add_and_passes_a_clean_chain(clone, tmp_path, case,
                                                                              fails):
    tool = venv(tmp_path / "pre-commit")
    sh(tool / "pip", "install", "--quiet", PRE_COMMIT)
    theirs = project(tmp_path / "theirs", case)
    result = sh(tool / "pre-commit", "try-repo", clone, "dbkit-review", "--all-files",
                cwd=theirs, env={"PRE_COMMIT_HOME": str(tmp_path / "cache")}, check=False)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    if fails:
        assert result.returncode == 1, output
        assert "rename-as-drop-add" in output and "Failed" in output
    else:
        assert result.returncode == 0, output
        assert "Passed" in output
