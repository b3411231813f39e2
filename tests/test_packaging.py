"""dbkit as a package, without installing it: the metadata, the pins, `--version`, and the
exercise's own commands refusing to run outside the exercise repository.
(`make package` builds and installs the real wheel: tests/package/.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from support.commands import PROJECT_ROOT, run

import dbkit

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())


def pins() -> dict[str, str]:
    """requirements.txt as {canonical name: exact version}."""
    found = {}
    for line in (PROJECT_ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", f"{line} is not an exact pin"
            found[canonicalize_name(requirement.name)] = spec.version
    return found


def declared() -> list[Requirement]:
    project = PYPROJECT["project"]
    extras = [r for group in project["optional-dependencies"].values() for r in group]
    return [Requirement(r) for r in (*project["dependencies"], *extras)]


def test_every_pin_lies_in_the_range_the_package_declares():
    pinned = pins()
    outside = [f"{r.name}=={pinned[canonicalize_name(r.name)]} is not in {r.specifier}"
               for r in declared()
               if canonicalize_name(r.name) in pinned
               and pinned[canonicalize_name(r.name)] not in r.specifier]
    assert outside == []


def test_every_dependency_the_package_declares_is_pinned():
    assert [r.name for r in declared() if canonicalize_name(r.name) not in pins()] == []


def test_requires_python_is_what_the_pins_need_and_what_the_readme_states():
    requires = PYPROJECT["project"]["requires-python"]
    assert requires == ">=3.11"  # SQLAlchemy 2.1 and tomllib need 3.11
    assert "3.11" in (PROJECT_ROOT / "docs" / "package.md").read_text()


def test_the_console_script_is_the_command_line_entry():
    assert PYPROJECT["project"]["scripts"] == {"dbkit": "dbkit.cli:main"}


def test_version_is_printed_and_matches_the_changelog():
    result = run("-m", "dbkit", "--version")
    assert result.returncode == 0
    assert result.stdout == f"dbkit {dbkit.__version__}\n"
    assert f"## {dbkit.__version__} " in (PROJECT_ROOT / "CHANGELOG.md").read_text()


def test_the_pre_commit_hook_is_a_python_hook_naming_the_console_script():
    import yaml

    (hook,) = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text())
    assert (hook["id"], hook["language"], hook["entry"]) == ("dbkit-review", "python", "dbkit review")
    assert hook["require_serial"] is True


@pytest.fixture
def installed_elsewhere(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """dbkit/ alone on the path, as in a site-packages, and a project folder of someone else's."""
    site = tmp_path / "site"
    shutil.copytree(PROJECT_ROOT / "dbkit", site / "dbkit",
                    ignore=shutil.ignore_patterns("__pycache__"))
    other = tmp_path / "their-project"
    versions = other / "migrations" / "versions"
    shutil.copytree(PROJECT_ROOT / "tests" / "dbkit" / "review" / "corpus" / "rename-as-drop-add"
                    / "rename_as_drop_add", versions)
    (other / "migrations" / "env.py").write_text("# their env.py\n")
    (other / "alembic.ini").write_text("[alembic]\nscript_location = migrations\n")
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    environ["PYTHONPATH"] = str(site)
    return other, environ


def dbkit_in(folder: Path, environ: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dbkit", *args], cwd=folder, env=environ,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)


@pytest.mark.parametrize("command", ["up", "step", "situation", "shell", "bench"])
def test_the_exercise_commands_say_they_belong_to_the_exercise_repository(installed_elsewhere,
                                                                          command):
    folder, environ = installed_elsewhere
    result = dbkit_in(folder, environ, command)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: `dbkit {command}` belongs to the migrations exercise")
    assert len(result.stderr.splitlines()) == 1
    assert not (folder / ".pgdata").exists() and not (folder / "exercise").exists()


def test_review_works_on_another_project_from_its_own_folder(installed_elsewhere):
    folder, environ = installed_elsewhere
    result = dbkit_in(folder, environ, "review", "--no-squawk")
    assert result.returncode == 1, result.stderr
    assert "rename-as-drop-add" in result.stdout
    assert "0002_rename_chatname.py" in result.stdout
    assert "Traceback" not in result.stderr
