"""The CI recipes of docs/package.md run as written: each `dbkit review` step of the GitHub
Actions job and of the GitLab job, on a repository with a rename written as drop + add."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from support.commands import PROJECT_ROOT

PAGE = PROJECT_ROOT / "docs" / "package.md"
CORPUS = PROJECT_ROOT / "tests" / "dbkit" / "review" / "corpus"
SCHEMA = json.loads((PROJECT_ROOT / "tests" / "dbkit" / "review" / "data"
                     / "sarif-schema-2.1.0.json").read_text())


def yaml_blocks() -> list[dict]:
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", PAGE.read_text(), re.S)]


def github_steps() -> list[str]:
    (job,) = [b for b in yaml_blocks() if isinstance(b, dict) and "jobs" in b]
    steps = job["jobs"]["review"]["steps"]
    return [s["run"] for s in steps if s.get("run", "").startswith("dbkit review")]


def gitlab_steps() -> list[str]:
    (job,) = [b for b in yaml_blocks() if isinstance(b, dict) and "dbkit-review" in b]
    return [line for line in job["dbkit-review"]["script"] if line.startswith("dbkit review")]


@pytest.fixture
def repository(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A project with a drop + add rename, and `dbkit` on PATH as an installed package has it."""
    repo = tmp_path / "repo"
    shutil.copytree(CORPUS / "rename-as-drop-add" / "rename_as_drop_add",
                    repo / "migrations" / "versions")
    (repo / "migrations" / "env.py").write_text("# env.py\n")
    (repo / "alembic.ini").write_text("[alembic]\nscript_location = migrations\n")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "dbkit"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m dbkit "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    environ["PATH"] = f"{bin_dir}{os.pathsep}{environ['PATH']}"
    environ["PYTHONPATH"] = str(PROJECT_ROOT)
    return repo, environ


def sh(command: str, repo: Path, environ: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=repo, env=environ, capture_output=True,
                          text=True, timeout=120)


def test_the_github_job_uploads_valid_sarif_and_fails_with_annotations(repository):
    repo, environ = repository
    sarif_step, annotations_step = github_steps()
    assert sh(sarif_step, repo, environ).returncode == 0  # `|| true`: the upload step still runs
    log = json.loads((repo / "dbkit-review.sarif").read_text())
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"rename-as-drop-add"}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]} == {"migrations/versions/0002_rename_chatname.py"}
    result = sh(annotations_step, repo, environ)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=migrations/versions/0002_rename_chatname.py,")


def test_the_gitlab_job_keeps_the_json_and_fails_on_the_error(repository):
    repo, environ = repository
    json_step, text_step = gitlab_steps()
    assert sh(json_step, repo, environ).returncode == 0
    findings = json.loads((repo / "dbkit-review.json").read_text())
    assert "rename-as-drop-add" in {f["rule"] for f in findings}
    result = sh(text_step, repo, environ)
    assert result.returncode == 1 and "rename-as-drop-add" in result.stdout
