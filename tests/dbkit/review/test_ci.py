"""The reviewer at home in CI: pyproject config, SARIF and GitHub formats, --diff-base,
the pre-commit hook. Pure parsing and git: no database."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from review_cases import CORPUS, dbkit_review
from support.commands import PROJECT_ROOT

RENAME = CORPUS / "rename-as-drop-add" / "rename_as_drop_add"
UNNAMED = CORPUS / "unnamed-constraint" / "unnamed_constraint"


def review_json(capsys, *args: str) -> tuple[int, list[dict], str]:
    code, out, err = dbkit_review(capsys, "--no-squawk", "--format", "json", *args)
    return code, json.loads(out) if out.strip() else [], err


def repo_with(tmp_path: Path, pyproject: str) -> Path:
    shutil.copytree(UNNAMED, tmp_path / "migrations" / "versions")
    (tmp_path / "pyproject.toml").write_text(pyproject)
    return tmp_path


def test_pyproject_sets_severity_per_rule_and_excludes_paths(capsys, tmp_path):
    repo = repo_with(tmp_path, '[tool.dbkit.review]\n'
                     'exclude = ["migrations/versions/0003_*.py"]\n'
                     '[tool.dbkit.review.severity]\n"unnamed-constraint" = "warning"\n')
    code, items, _ = review_json(capsys, str(repo))
    assert code == 0  # warnings only
    assert {(Path(i["file"]).name, i["severity"]) for i in items} == {
        ("0002_unique_email.py", "warning")}


def test_a_rule_can_be_turned_off(capsys, tmp_path):
    repo = repo_with(tmp_path, '[tool.dbkit.review.severity]\n"unnamed-constraint" = "off"\n')
    assert review_json(capsys, str(repo))[:2] == (0, [])


@pytest.mark.parametrize("pyproject, says", [
    ('[tool.dbkit.review.severity]\n"no-such-rule" = "warning"\n', "unknown review rule"),
    ('[tool.dbkit.review.severity]\n"data-dropped" = "loud"\n', "must be error, warning or off"),
    ('[tool.dbkit.review]\nexlude = []\n', "unknown key"),
])
def test_bad_configuration_is_exit_2_and_one_line(capsys, tmp_path, pyproject, says):
    repo = repo_with(tmp_path, pyproject)
    code, items, stderr = review_json(capsys, str(repo))
    assert code == 2 and items == []
    assert stderr.startswith("error: ") and says in stderr and len(stderr.splitlines()) == 1


def test_sarif_is_sarif_2_1_0_with_relative_uris_rules_and_levels(capsys, tmp_path, monkeypatch):
    shutil.copytree(RENAME, tmp_path / "versions")
    monkeypatch.chdir(tmp_path)
    code, out, err = dbkit_review(capsys, "--no-squawk", "--format", "sarif", "versions")
    assert code == 1, err
    log = json.loads(out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["rename-as-drop-add"]
    assert rules[0]["defaultConfiguration"]["level"] == "error"
    assert rules[0]["shortDescription"]["text"] and rules[0]["help"]["text"]
    (result_,) = run_["results"]
    assert result_["ruleId"] == "rename-as-drop-add" and result_["ruleIndex"] == 0
    assert result_["level"] == "error" and "chatname" in result_["message"]["text"]
    location = result_["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "versions/0002_rename_chatname.py"
    assert location["region"]["startLine"] == 11


def test_github_format_is_workflow_annotations(capsys, monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)
    code, out, _ = dbkit_review(capsys, "--no-squawk", "--format", "github",
                                os.path.relpath(UNNAMED, PROJECT_ROOT))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("::error file=tests/dbkit/review/corpus/unnamed-constraint/"
                               "unnamed_constraint/0002_unique_email.py,line=9,"
                               "title=unnamed-constraint::create_unique_constraint(None")
    assert all(line.startswith("::error ") for line in lines[:-1])
    assert lines[-1] == "2 errors, 0 warnings in 3 revisions"



def test_github_format_names_a_file_outside_the_checkout_by_its_path_never_a_uri(capsys,
                                                                              monkeypatch,
                                                                              tmp_path):
    """A workflow annotation's ``file=`` is a path: a revision outside the working directory
    keeps its absolute path (a ``file://`` URI would point the annotation nowhere)."""
    versions = tmp_path / "versions"
    shutil.copytree(UNNAMED, versions)
    monkeypatch.chdir(PROJECT_ROOT)

    code, out, _ = dbkit_review(capsys, "--no-squawk", "--format", "github", str(versions))

    first = out.splitlines()[0]
    assert code == 1
    assert first.startswith(f"::error file={versions.as_posix()}/0002_unique_email.py,line=9,"), first
    assert "file%3A" not in out

def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


def test_diff_base_reports_only_revisions_added_or_changed_since_the_ref(capsys, tmp_path):
    versions = tmp_path / "migrations" / "versions"
    shutil.copytree(UNNAMED, versions)
    (versions / "0002_unique_email.py").rename(tmp_path / "later.py")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    (tmp_path / "later.py").rename(versions / "0002_unique_email.py")  # new, untracked
    code, items, _ = review_json(capsys, str(tmp_path), "--diff-base", "HEAD")
    assert code == 1
    assert {Path(i["file"]).name for i in items} == {"0002_unique_email.py"}
    (versions / "0003_unique_chatname.py").write_text(
        (versions / "0003_unique_chatname.py").read_text().replace(
            'op.f("uq_recruits_chatname")', "None"))  # changed since HEAD: reported too
    changed = {Path(i["file"]).name for i in review_json(capsys, str(tmp_path), "--diff-base", "HEAD")[1]}
    assert changed == {"0002_unique_email.py", "0003_unique_chatname.py"}


@pytest.mark.parametrize("ref", ["no-such-ref"])
def test_diff_base_with_an_unknown_ref_or_outside_git_is_exit_2(capsys, tmp_path, ref):
    shutil.copytree(UNNAMED, tmp_path / "versions")
    code, items, stderr = review_json(capsys, str(tmp_path / "versions"), "--diff-base", ref)
    assert code == 2 and items == [] and stderr.startswith("error: ")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    code, items, stderr = review_json(capsys, str(tmp_path / "versions"), "--diff-base", ref)
    assert code == 2 and f"--diff-base {ref}: not a commit" in stderr


def test_the_pre_commit_hook_runs_the_reviewer_on_the_files_it_is_given(tmp_path):
    """The hook's entry on the files pre-commit hands it (the real `pre-commit try-repo` with the
    package installed is in `make package`: tests/package/test_install.py)."""
    (hook,) = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "dbkit-review" and hook["language"] == "python"
    assert hook["entry"] == "dbkit review"
    shutil.copytree(UNNAMED, tmp_path / "versions")
    files = ["versions/0002_unique_email.py", "versions/0003_unique_chatname.py"]
    assert all(re.search(hook["files"], f) for f in files)
    # `dbkit` is the console script of dbkit.cli:main; without installing, the same entry:
    command = [sys.executable, "-m", "dbkit", *hook["entry"].split()[1:]]
    result = subprocess.run([*command, "--no-squawk", *files], cwd=tmp_path,
                            capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[-1] == "2 errors, 0 warnings in 2 revisions"
