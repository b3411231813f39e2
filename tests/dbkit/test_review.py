"""The migration reviewer, on a corpus of migration files written for it.

Every case under ``review_corpus/`` is a small chain; the findings each file
must produce are written next to the line they belong to as ``# expect: <rule>``
comments. A case must produce exactly those findings: nothing missing, nothing
more (the pass cases carry no ``expect`` at all).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import run

from dbkit import review

CORPUS = Path(__file__).parent / "review_corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
EXPECT = re.compile(r"#\s*expect:\s*(?P<rule>[\w:-]+)")
SQL_RULES = ("squawk:", "not-rendered")


def expected(case: str, sql: bool) -> set[tuple[str, int, str]]:
    found = set()
    for file in (CORPUS / case).rglob("*.py"):
        for number, line in enumerate(file.read_text().splitlines(), start=1):
            for match in EXPECT.finditer(line):
                if sql or not match["rule"].startswith(SQL_RULES):
                    found.add((file.name, number, match["rule"]))
    return found


def findings(path: Path | str, sql: bool = False) -> list[review.Finding]:
    revisions, report = review.collect(str(path))
    return review.review(revisions, report, sql=sql)


def as_set(results: list[review.Finding]) -> set[tuple[str, int, str]]:
    return {(Path(f.file).name, f.line, f.rule) for f in results}


def test_the_corpus_covers_every_rule_and_has_pass_cases():
    rules = {rule for case in CASES for _, _, rule in expected(case, sql=True)}
    assert set(review.SEVERITY) <= rules
    passing = [case for case in CASES if not expected(case, sql=True)]
    assert {"real_rename", "not_null_three_steps", "not_null_server_default",
            "not_null_backfill_earlier"} <= set(passing)


@pytest.mark.parametrize("case", CASES)
def test_each_case_produces_exactly_its_expected_findings(case):
    assert as_set(findings(CORPUS / case)) == expected(case, sql=False)


def test_squawk_findings_land_on_the_line_of_the_op_and_unrenderable_files_are_warned():
    results = findings(CORPUS / "squawk_index", sql=True)
    assert as_set(results) == expected("squawk_index", sql=True)
    assert all(f.severity == "warning" for f in results)
    not_rendered = next(f for f in results if f.rule == "not-rendered")
    assert "No module named 'app'" in not_rendered.message


def test_squawk_does_not_flag_real_renames_or_dbkit_online_helpers():
    rules = {f.rule for f in findings(CORPUS / "real_rename", sql=True)}
    rules |= {f.rule for f in findings(CORPUS / "table_rename", sql=True)}
    rules |= {f.rule for f in findings(CORPUS / "not_null_backfill_earlier", sql=True)}
    assert not {"squawk:renaming-column", "squawk:renaming-table",
                "squawk:ban-drop-constraint"} & rules
    assert "squawk:adding-not-nullable-field" in {
        f.rule for f in findings(CORPUS / "not_null_no_backfill", sql=True)}


def test_our_own_chain_reviews_clean_with_squawk():
    result = run("-m", "dbkit", "review", "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_text_output_groups_by_file_and_counts(capsys):
    assert review.main([str(CORPUS / "rename_as_drop_add"), "--no-squawk"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("rename_as_drop_add/0002_rename_chatname.py")
    assert re.match(r"\s+11\s+error\s+rename-as-drop-add: recruits.chatname is dropped", out[1])
    assert 'fix: op.alter_column("recruits", "chatname", new_column_name="rocketchat_user")' \
        in out[2]
    assert out[-1] == "1 error, 0 warnings in 2 revisions"


def test_json_format_and_exit_codes():
    result = run("-m", "dbkit", "review", "--format", "json", "--no-squawk",
                 str(CORPUS / "unnamed_constraint"))
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert {tuple(sorted(item)) for item in items} == {
        ("file", "fix", "line", "message", "rule", "severity")}
    assert {(i["rule"], i["severity"], i["line"]) for i in items} == {
        ("unnamed-constraint", "error", 9), ("unnamed-constraint", "error", 13)}
    assert items[0]["file"] == str(CORPUS / "unnamed_constraint" / "0002_unique_email.py")
    # Warnings alone exit 0.
    result = run("-m", "dbkit", "review", "--no-squawk", str(CORPUS / "missing_downgrade"))
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "0 errors, 2 warnings in 3 revisions"


def test_a_flask_migrate_repository_is_found_from_its_root(capsys):
    repo = CORPUS / "flask_repo"
    assert review.main([str(repo), "--format", "json", "--no-squawk"]) == 1
    items = json.loads(capsys.readouterr().out)
    assert {i["file"] for i in items} == {
        str(repo / "migrations" / "versions" / "2b3c4d5e6f7a_rename_chatname.py")}
    assert {i["rule"] for i in items} == {"rename-as-drop-add", "unnamed-constraint"}


def test_an_alembic_ini_script_location_is_followed(tmp_path):
    shutil.copytree(CORPUS / "rename_as_drop_add", tmp_path / "db" / "scripts" / "versions")
    (tmp_path / "alembic.ini").write_text("[alembic]\nscript_location = %(here)s/db/scripts\n")
    assert {f.rule for f in findings(tmp_path)} == {"rename-as-drop-add"}


def test_one_file_is_judged_against_its_whole_chain():
    chain = CORPUS / "rename_in_consecutive_revisions"
    assert as_set(findings(chain / "0003_drop_chatname.py")) == {
        ("0003_drop_chatname.py", 10, "rename-as-drop-add")}
    assert findings(chain / "0002_add_rocketchat_user.py") == []
    assert findings(CORPUS / "not_null_backfill_earlier" / "0003_require_email.py") == []


@pytest.mark.parametrize("marker, flagged", [
    ("# dbkit: data-kept-in archive.recruit_id_numbers", False),
    ("op.drop_column('recruits', 'id_number')  # dbkit: data-kept-in exports/ids.csv", False),
    ("# dbkit: data-kept-in", True),  # it must say where
    ("# data kept somewhere", True),
])
def test_the_data_kept_marker_must_name_where_the_data_went(tmp_path, marker, flagged):
    shutil.copytree(CORPUS / "data_dropped", tmp_path, dirs_exist_ok=True)
    for extra in ("0003", "0004", "0005"):
        next(tmp_path.glob(f"{extra}_*.py")).unlink()
    file = tmp_path / "0002_drop_id_number.py"
    source = file.read_text().replace("  # expect: data-dropped", "")
    call = "    op.drop_column(\"recruits\", \"id_number\")"
    replacement = f"    {marker}" if marker.startswith("op.") else f"    {marker}\n{call}"
    file.write_text(source.replace(call, replacement))
    assert ("data-dropped" in {f.rule for f in findings(tmp_path)}) is flagged


def test_a_missing_path_is_one_line_and_exit_2():
    result = run("-m", "dbkit", "review", "no/such/folder")
    assert result.returncode == 2
    assert result.stderr == "error: no such file or folder: no/such/folder\n"
    assert result.stdout == ""


def test_a_folder_without_migrations_is_one_line_and_exit_2(tmp_path):
    result = run("-m", "dbkit", "review", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: no migrations found in {tmp_path}")
    assert "Traceback" not in result.stderr


def test_the_default_path_is_our_chain(capsys):
    assert review.main(["--no-squawk"]) == 0
    assert capsys.readouterr().out.strip() == "0 errors, 0 warnings in 8 revisions"
