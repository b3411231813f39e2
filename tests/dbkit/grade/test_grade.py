"""``grade``: each check of the brief, on two learners' repositories run on a real server."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from grade_helpers import NOT_A_REPOSITORY
from support.commands import run

from dbkit.bench.learners import git
from dbkit.grade import CHECK_IDS, FAIL, PASS, UNCLEAR, grade_repository, report
from dbkit.grade.classroom import GradedClass, grade_class, merge
from dbkit.grade.seeds import find_scripts, python_files
from dbkit.grade.verdicts import Check


def verdicts(learner) -> dict[str, str]:
    return {c.id: c.verdict for c in learner.grade.checks}


def check(learner, check_id: str) -> Check:
    return learner.grade.check(check_id)


@pytest.mark.bubblewrap
def test_a_learner_who_does_what_the_brief_asks_passes_every_check(by_name) -> None:
    careful = by_name["careful"]

    assert careful.problem is None
    assert verdicts(careful) == dict.fromkeys(CHECK_IDS, PASS)
    assert "recruits table: recruits (id, first_name" in careful.grade.matched[1]
    assert check(careful, "rocketchat-renamed").summary.endswith("(moved at 0005_rocketchat.py)")
    assert "recruits.chatname moved to recruits.rocketchat_user" in \
        check(careful, "rocketchat-renamed").evidence[0]
    cohorts = check(careful, "cohort-values-kept")
    assert "recruits.cohort -> recruits.cohort_id -> cohorts.name" in cohorts.summary
    assert "'C25 Data Eng'" in cohorts.notes[0]
    assert "references cohorts.id" in check(careful, "cohorts-table").summary
    scripts = check(careful, "seeding-scripts").evidence
    assert "pass: create_c26_recruits.py adds 5 recruits, cohort 'C26 Data Eng'" in scripts
    assert "pass: create_recruits.py adds 3 recruits, cohort 'C25 Data Eng'" in scripts
    assert "its values were not kept (0006_no.py loses them)" in \
        check(careful, "id-number-removed").notes[0]
    assert check(careful, "commits-often").summary.startswith("6 commits touch")


@pytest.mark.bubblewrap
def test_the_usual_mistakes_fail_with_the_file_and_line_and_the_values_followed(by_name) -> None:
    hasty = by_name["hasty"]

    assert verdicts(hasty) == {
        "chain-runs-empty": PASS, "chain-runs-populated": FAIL, "email-required-unique": PASS,
        "rocketchat-renamed": FAIL, "id-number-removed": FAIL, "cohorts-table": FAIL,
        "cohort-values-kept": UNCLEAR, "seeding-scripts": FAIL, "downgrades-work": FAIL,
        "commits-often": FAIL}
    populated = check(hasty, "chain-runs-populated")
    assert populated.summary.startswith("a2_email.py fails with rows in the tables and passes on "
                                        "empty ones: IntegrityError")
    assert "a2_email.py:12 add_column recruit.personal_email_address" in populated.evidence
    rocket = check(hasty, "rocketchat-renamed")
    assert "recruit.chat_name's values are lost at a3_rocketchat.py" in rocket.summary
    assert "a3_rocketchat.py:13 drop_column recruit.chat_name" in rocket.evidence
    assert check(hasty, "id-number-removed").summary == "recruit.id_number is still there at head"
    assert check(hasty, "cohorts-table").summary.endswith("the cohort is the column recruit.chort")
    assert "gives 24 of 24 existing recruits no cohort" in check(hasty, "cohort-values-kept").notes[0]
    scripts = check(hasty, "seeding-scripts").evidence
    assert scripts[0].startswith("fail: create_recruits.py fails with UndefinedColumn: column "
                                 '"chat_name" of relation "recruit" does not exist (line 8)')
    assert scripts[0].endswith("it imports flask_script, not installed here (stood in for)")
    assert scripts[1] == ("unclear: create_c26_recruits.py added no recruits; it imports "
                          "flask_script, not installed here (stood in for)")
    assert scripts[2] == ("fail: create_c27_recruits.py adds 1 recruit, 1 of them not in C27 "
                          "(cohorts: 'c20 Java')")
    assert scripts[3].startswith("fail: create_c28_recruits.py is missing")
    downgrade = check(hasty, "downgrades-work")
    assert "the downgrade of a2_email.py fails: CompileError" in downgrade.summary
    assert "a2_email.py:17 drop_constraint(None, ...): no name to drop" in downgrade.evidence
    assert check(hasty, "commits-often").summary.startswith("1 commit touches")


def test_no_password_of_a_learner_reaches_the_grade(by_name) -> None:
    text = json.dumps([x.as_json() for x in by_name.values()])

    assert "hunter2" not in text  # careful's models.py names postgresql://learner:hunter2@...
    assert "pass@" not in text


def test_a_folder_that_is_no_repository_is_a_row_that_says_why(by_name) -> None:
    notes = by_name[NOT_A_REPOSITORY]

    assert notes.grade is None
    assert notes.problem == "not a repository: no .git and no Alembic chain in it"


def test_commits_often_counts_commits_on_every_branch_against_the_instructors_threshold(
        tmp_path: Path) -> None:
    repository = tmp_path / "models-only"
    repository.mkdir()
    git(repository, "init", "-q", "-b", "main")
    for n in range(3):
        (repository / "models.py").write_text(f"# version {n}\n")
        git(repository, "add", "-A")
        git(repository, "commit", "-q", "-m", f"models {n}")
    git(repository, "checkout", "-q", "-b", "feature")
    (repository / "models.py").write_text("# on a feature branch\n")
    git(repository, "commit", "-q", "-am", "models on a branch")
    git(repository, "checkout", "-q", "main")
    (repository / "notes.txt").write_text("not a model\n")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "notes")

    lenient = grade_repository(repository, None, commits_threshold=4)
    strict = grade_repository(repository, None, commits_threshold=5)

    assert lenient.check("commits-often").verdict == PASS
    assert strict.check("commits-often").verdict == FAIL
    assert strict.check("commits-often").summary == \
        "4 commits touch the chain or the models (fewer than 5)"
    assert strict.check("chain-runs-empty").summary.startswith("no chain to run: ")


@pytest.mark.bubblewrap
def test_every_format_has_a_row_per_learner_and_a_column_per_check(graded: GradedClass) -> None:
    rows = list(csv.DictReader(io.StringIO(report.class_csv(graded))))
    assert [r["learner"] for r in rows] == ["careful", "hasty", NOT_A_REPOSITORY]
    assert list(rows[0]) == ["learner", "passed", *CHECK_IDS, "problem"]
    assert rows[0]["passed"] == "10/10" and rows[1]["rocketchat-renamed"] == FAIL
    assert rows[2]["problem"].startswith("not a repository") and rows[2]["chain-runs-empty"] == ""
    markdown = report.class_markdown(graded).splitlines()
    assert markdown[0].startswith("| learner | passed | chain-runs-empty |") and len(markdown) == 5
    assert "| ✗ fail |" in markdown[3]
    text = report.class_text(graded).splitlines()
    assert text[1].split()[:4] == ["careful", "10/10", "✓", "pass"]
    data = json.loads(report.class_json(graded))
    assert data["checks"] == list(CHECK_IDS) and len(data["learners"]) == 3
    assert data["learners"][1]["grade"]["checks"][3]["evidence"]


@pytest.mark.bubblewrap
def test_the_page_escapes_what_learners_wrote_and_links_each_grade_to_its_evidence(
        graded: GradedClass) -> None:
    page = report.class_html(graded)

    assert "<img src=x" not in page and "notes &lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("<details id=") == 3
    assert 'href="#learner-hasty--downgrades-work"' in page
    assert 'id="learner-hasty--downgrades-work"' in page
    assert "writing-mode" not in page  # headings read left to right
    assert '<td class="v fail" data-sort="0">' in page and "✗" in page


def test_shards_grade_every_nth_learner_and_merge_back(graded: GradedClass, tmp_path: Path) -> None:
    data = json.loads(report.class_json(graded))
    first, second = dict(data), dict(data)
    first["learners"], second["learners"] = data["learners"][0::2], data["learners"][1::2]
    (tmp_path / "1.json").write_text(json.dumps(first))
    (tmp_path / "2.json").write_text(json.dumps(second))

    merged = merge([tmp_path / "2.json", tmp_path / "1.json"])

    assert [x.name for x in merged.learners] == ["careful", "hasty", NOT_A_REPOSITORY]
    assert report.class_csv(merged) == report.class_csv(graded)
    folder = tmp_path / "plain"
    for name in ("a", "b", "c", "d"):
        (folder / name).mkdir(parents=True)
    assert [x.name for x in grade_class(folder, shard=(2, 3)).learners] == ["b"]


@pytest.mark.slow
def test_mistakes_on_the_command_line_are_one_line_and_nothing_is_run(tmp_path: Path) -> None:
    for argv, message in (
            (["grade", str(tmp_path / "nowhere")], "is not a folder"),
            (["grade", "--class", str(tmp_path), "--shard", "3/2"], "K is a number from 1 to N"),
            (["grade", "--class", str(tmp_path), "--shard", "x"], "write it K/N"),
            (["grade", "--merge", str(tmp_path / "missing.json")], "is not the JSON of grade --class"),
            (["grade", "--class", str(tmp_path / "nowhere")], "neither a folder of repositories"),
            (["grade", str(tmp_path), "--commits", "0"], "--commits 0")):
        done = run("-m", "dbkit", *argv)
        assert done.returncode == 2, (argv, done.stderr)
        assert done.stderr.startswith("error: ") and message in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and done.stdout == ""


def test_a_committed_virtualenv_is_not_the_learners_code(tmp_path: Path) -> None:
    (tmp_path / "enviro" / "bin").mkdir(parents=True)
    (tmp_path / "enviro" / "bin" / "activate").write_text("# a virtualenv, committed\n")
    (tmp_path / "enviro" / "lib").mkdir()
    (tmp_path / "enviro" / "lib" / "os.py").write_text("# python2.7's\n")
    (tmp_path / "models.py").write_text("# the learner's\n")
    (tmp_path / "Code").mkdir()
    (tmp_path / "Code" / "create_recruits.py").write_text("# the learner's\n")

    found = python_files(tmp_path)

    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["models.py",
                                                                  "Code/create_recruits.py"]
    assert [s.path for s in find_scripts(tmp_path, found)][:2] == ["Code/create_recruits.py", None]
