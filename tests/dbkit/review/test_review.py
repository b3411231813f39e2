"""The migration reviewer, on a corpus of migration files written for it.

``corpus/<rule-id>/`` holds small chains (cases) and an ``expect.toml`` saying,
for each, the findings it must give (exactly: nothing missing, nothing more)
and those it must never give. Pure parsing: no database.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from review_cases import CORPUS, as_set, dbkit_review, findings, forbidden, load_cases
from support.commands import run

from dbkit.cli.review import main
from dbkit.review import RULES, Finding, UnknownRule, docs, rule_for, squawk

CASES = load_cases()
SQL_RULES = ("squawk:", "not-rendered")


def test_every_rule_has_a_corpus_folder_with_a_case_that_finds_it_and_one_that_passes():
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir()}
    assert folders == set(RULES)
    for rule in RULES:
        mine = [c for c in CASES if c.rule == rule]
        produced = {m.split(" ")[1] for c in mine for m in c.must}
        assert any(r == rule or r.startswith(f"{rule}:") for r in produced), rule


def test_every_case_folder_is_in_its_expect_file():
    listed = {c.path for c in CASES}
    on_disk = {p for folder in CORPUS.iterdir() if folder.is_dir()
               for p in folder.iterdir() if p.is_dir()}
    assert listed == on_disk


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_each_case_gives_exactly_its_findings_and_none_it_must_not(case):
    results = findings(case.path)
    assert as_set(results, case.path) == {m for m in case.must
                                          if not m.split(" ")[1].startswith(SQL_RULES)}
    assert forbidden(results, case.must_not, case.path) == []
    if case.warnings is not None:  # an error is a proof: what cannot be proven is a warning
        warned = as_set([f for f in results if f.severity == "warning"], case.path)
        assert warned == case.warnings


@pytest.mark.bubblewrap
@pytest.mark.parametrize("case", [c for c in CASES if c.sql], ids=lambda c: c.id)
def test_with_squawk_each_case_gives_exactly_its_findings(case):
    results = findings(case.path, sql=True)
    assert as_set(results, case.path) == set(case.must)
    assert forbidden(results, case.must_not, case.path) == []


@pytest.mark.bubblewrap
def test_squawk_findings_are_warnings_and_a_file_that_cannot_render_says_why():
    results = findings(CORPUS / "squawk" / "squawk_index", sql=True)
    assert results and all(f.severity == "warning" for f in results)
    not_rendered = findings(CORPUS / "not-rendered" / "needs_the_app", sql=True)
    assert "No module named 'app'" in not_rendered[0].message


def test_messages_say_what_the_chain_shows():
    """Issue 19, dev7: a drop by None of a key the upgrade named gives that name; a change
    made again after code that may drop it says it may be made twice."""
    named = findings(CORPUS / "unnamed-constraint" / "downgrade_drops_by_none_what_the_upgrade_named")
    assert [f.message for f in named] == [
        "drop_constraint(None, ...) on recruits: Alembic cannot drop a constraint without its "
        "name, so the downgrade fails; the upgrade names it fk_recruits_cohort (line 11)."]
    assert 'op.drop_constraint("fk_recruits_cohort", "recruits", ...)' in named[0].fix
    two = findings(CORPUS / "unnamed-constraint" / "downgrade_drops_by_none_two_keys_the_upgrade_named")
    assert {f.message for f in two} == {
        "drop_constraint(None, ...) on recruits: Alembic cannot drop a constraint without its "
        "name, so the downgrade fails; the upgrade names them fk_recruits_cohort (line 12), "
        "fk_recruits_mentor (line 13)."}
    other_kind = findings(CORPUS / "unnamed-constraint" / "downgrade_drops_by_none_a_key_of_another_kind")
    assert not any("uq_recruits_cohort" in f.message + f.fix for f in other_kind)
    twice = findings(CORPUS / "broken-chain" / "fk_made_again_after_a_helper_that_may_drop_it")
    messages = {f.line: f.message for f in twice if f.rule == "broken-chain"}
    assert messages[29].startswith("The same change may be applied twice: recruits_cohort_id_fkey")
    assert "could not follow a loop of a DO block (line 10)" in messages[29]
    assert messages[9].startswith("The same change is applied twice:")


def test_a_positional_where_of_a_core_delete_picks_its_rows():
    """Issue 19, held-out9 (mwdb): ``t.delete(whereclause)`` is SQLAlchemy 1.x's WHERE, read
    as ``.where(...)`` is; ``t.delete(None)`` still deletes every row."""
    case = CORPUS / "data-dropped" / "core_delete_and_update_with_a_positional_where"
    messages = {f.line: f.message for f in findings(case)}
    assert messages[14].startswith("Deletes the rows of permission WHERE sa.and_(")
    assert messages[17].startswith("Deletes every row of table permission (no WHERE)")


def test_an_unknown_rule_id_is_an_error_never_a_warning():
    with pytest.raises(UnknownRule):
        Finding("x.py", 1, "no-such-rule", "message")
    with pytest.raises(UnknownRule):
        rule_for("squawk:")
    assert rule_for("squawk:require-concurrent-index-creation").id == "squawk"
    assert Finding("x.py", 1, "data-dropped", "m").severity == "error"
    assert Finding("x.py", 1, "data-dropped", "m", severity="warning").severity == "warning"


def test_our_own_chain_reviews_clean_with_squawk():
    result = run("-m", "dbkit", "review", "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_text_output_groups_by_file_and_counts(capsys):
    assert main([str(CORPUS / "rename-as-drop-add" / "rename_as_drop_add"), "--no-squawk"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("rename_as_drop_add/0002_rename_chatname.py")
    assert re.match(r"\s+11\s+error\s+rename-as-drop-add: recruits.chatname is dropped", out[1])
    assert 'fix: op.alter_column("recruits", "chatname", new_column_name="rocketchat_user")' \
        in out[2]
    assert out[-1] == "1 error, 0 warnings in 2 revisions"


def test_json_format_and_exit_codes(capsys):
    case = CORPUS / "unnamed-constraint" / "unnamed_constraint"
    code, out, _ = dbkit_review(capsys, "--format", "json", "--no-squawk", str(case))
    assert code == 1
    items = json.loads(out)
    assert {tuple(sorted(item)) for item in items} == {
        ("file", "fix", "line", "message", "rule", "severity")}
    assert {(i["rule"], i["severity"], i["line"]) for i in items} == {
        ("unnamed-constraint", "error", 9), ("unnamed-constraint", "error", 13)}
    assert items[0]["file"] == str(case / "0002_unique_email.py")
    # Warnings alone exit 0.
    code, out, _ = dbkit_review(capsys, "--no-squawk",
                                str(CORPUS / "missing-downgrade" / "missing_downgrade"))
    assert code == 0
    assert out.splitlines()[-1] == "0 errors, 2 warnings in 3 revisions"


def test_a_flask_migrate_repository_is_found_from_its_root(capsys):
    repo = CORPUS / "rename-as-drop-add" / "flask_repo"
    assert main([str(repo), "--format", "json", "--no-squawk"]) == 1
    items = json.loads(capsys.readouterr().out)
    assert {i["file"] for i in items} == {
        str(repo / "migrations" / "versions" / "2b3c4d5e6f7a_rename_chatname.py")}
    assert {i["rule"] for i in items} == {"rename-as-drop-add", "unnamed-constraint"}


def test_an_alembic_ini_script_location_is_followed(tmp_path):
    shutil.copytree(CORPUS / "rename-as-drop-add" / "rename_as_drop_add",
                    tmp_path / "db" / "scripts" / "versions")
    (tmp_path / "alembic.ini").write_text("[alembic]\nscript_location = %(here)s/db/scripts\n")
    assert {f.rule for f in findings(tmp_path)} == {"rename-as-drop-add"}


def test_one_file_is_judged_against_its_whole_chain():
    chain = CORPUS / "rename-as-drop-add" / "rename_in_consecutive_revisions"
    assert as_set(findings(chain / "0003_drop_chatname.py")) == {
        "0003_drop_chatname.py:10 rename-as-drop-add"}
    assert findings(chain / "0002_add_rocketchat_user.py") == []
    earlier = CORPUS / "not-null-without-backfill" / "not_null_backfill_earlier"
    assert findings(earlier / "0003_require_email.py") == []


@pytest.mark.parametrize("marker, flagged", [
    ("# dbkit: data-kept-in archive.recruit_id_numbers", False),
    ("op.drop_column('recruits', 'id_number')  # dbkit: data-kept-in exports/ids.csv", False),
    ("# dbkit: data-kept-in", True),  # it must say where
    ("# data kept somewhere", True),
])
def test_the_data_kept_marker_must_name_where_the_data_went(tmp_path, marker, flagged):
    shutil.copytree(CORPUS / "data-dropped" / "data_dropped", tmp_path, dirs_exist_ok=True)
    for extra in ("0003", "0004", "0005"):
        next(tmp_path.glob(f"{extra}_*.py")).unlink()
    file = tmp_path / "0002_drop_id_number.py"
    call = "    op.drop_column(\"recruits\", \"id_number\")"
    replacement = f"    {marker}" if marker.startswith("op.") else f"    {marker}\n{call}"
    assert call in file.read_text()
    file.write_text(file.read_text().replace(call, replacement))
    assert ("data-dropped" in {f.rule for f in findings(tmp_path)}) is flagged


def test_a_missing_path_is_one_line_and_exit_2():
    result = run("-m", "dbkit", "review", "no/such/folder")
    assert result.returncode == 2
    assert result.stderr == "error: no such file or folder: no/such/folder\n"
    assert result.stdout == ""


def test_a_folder_without_migrations_is_one_line_and_exit_2(capsys, tmp_path):
    code, out, err = dbkit_review(capsys, str(tmp_path))
    assert code == 2 and out == ""
    assert err.startswith(f"error: no migrations found in {tmp_path}")
    assert len(err.splitlines()) == 1


def test_the_default_path_is_our_chain(capsys):
    assert main(["--no-squawk"]) == 0
    assert capsys.readouterr().out.strip() == "0 errors, 0 warnings in 8 revisions"


def test_a_file_with_a_bom_and_crlf_line_endings_reads_like_any_other(tmp_path):
    source = CORPUS / "rename-as-drop-add" / "rename_as_drop_add"
    for file in source.glob("*.py"):
        text = file.read_text().replace("\n", "\r\n")
        (tmp_path / file.name).write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert as_set(findings(tmp_path)) == as_set(findings(source))
    assert findings(tmp_path)


def test_the_committed_rule_pages_are_the_ones_the_rules_generate():
    folder = Path(__file__).resolve().parents[3] / "docs" / "review"
    stale = [name for name, text in docs.pages().items()
             if not (folder / name).is_file() or (folder / name).read_text() != text]
    assert stale == [], "run: python -m dbkit review --write-docs docs/review"


def test_list_rules_as_markdown_is_the_table_of_the_docs(capsys):
    code, out, _ = dbkit_review(capsys, "--list-rules", "--format", "markdown")
    assert code == 0
    assert out.strip() == docs.rules_table()
    assert all(f"[`{docs.shown_id(r)}`]({r.id}.md)" in out for r in RULES.values())


@pytest.mark.parametrize("layout", ["migrations/versions", "alembic.ini"])
def test_a_repository_without_any_revision_is_exit_2_naming_where_it_looked(capsys, tmp_path,
                                                                             layout):
    (tmp_path / "migrations" / "versions").mkdir(parents=True)
    (tmp_path / "migrations" / "versions" / "README.py").write_text("# not a revision\n")
    if layout == "alembic.ini":
        (tmp_path / "alembic.ini").write_text(
            "[alembic]\nscript_location = migrations\nversion_locations = %(here)s/db/one\n")
    code, out, err = dbkit_review(capsys, str(tmp_path))
    assert code == 2
    looked = "db/one" if layout == "alembic.ini" else "migrations/versions"
    assert err.startswith("error: no revision found")
    assert looked in err and len(err.splitlines()) == 1
    assert out == ""


def test_alembic_ini_version_locations_are_honoured_one_chain_per_section(capsys, caplog,
                                                                          tmp_path):
    case = CORPUS / "rename-as-drop-add" / "rename_as_drop_add"
    shutil.copytree(case, tmp_path / "migrations" / "prod")
    shutil.copytree(CORPUS / "unnamed-constraint" / "unnamed_constraint",
                    tmp_path / "db" / "a")
    (tmp_path / "alembic.ini").write_text(
        "[alembic]\nscript_location = migrations\nversion_locations = %(here)s/db/a\n\n"
        "[prod]\nversion_locations = ./migrations/prod\n\n"
        "[dev]\nversion_locations = ./migrations/dev\n")  # dev was never committed
    code, out, err = dbkit_review(capsys, "--no-squawk", "--format", "json", str(tmp_path))
    rules = {(Path(i["file"]).parent.name, i["rule"]) for i in json.loads(out)}
    assert rules == {("prod", "rename-as-drop-add"), ("a", "unnamed-constraint")}
    assert "migrations/dev does not exist" in caplog.text  # said (a warning on stderr)
    assert code == 1


def test_revisions_in_subfolders_of_the_versions_folder_are_read(tmp_path):
    versions = tmp_path / "migrations" / "versions"
    shutil.copytree(CORPUS / "rename-as-drop-add" / "rename_as_drop_add", versions / "2024.1")
    assert {f.rule for f in findings(tmp_path)} == {"rename-as-drop-add"}


def test_statements_with_bound_parameters_never_reach_squawk_and_lines_still_match():
    sql = ("ALTER TABLE recruits ADD COLUMN cohort VARCHAR(100);\n\n"
           "UPDATE recruits SET cohort=%(cohort)s\n  WHERE recruits.cohort IS NULL;\n\n"
           "ALTER TABLE recruits ALTER COLUMN cohort SET NOT NULL;\n")
    cleaned = squawk.without_placeholders(sql)
    assert "%(" not in cleaned
    assert cleaned.splitlines()[0] == sql.splitlines()[0]
    assert cleaned.splitlines()[5] == sql.splitlines()[5]  # same line, same statement
    assert len(cleaned.splitlines()) == len(sql.splitlines())


def test_a_finding_can_be_marked_confirmed_by_a_run_and_says_so_in_json():
    finding = Finding("x.py", 3, "data-dropped", "Drops column t.c.", "copy it first")
    assert finding.confirmed is None and "confirmed" not in finding.as_json()
    confirmed = finding.replace(confirmed=True)
    assert confirmed.as_json()["confirmed"] is True and confirmed.severity == "error"
    assert finding.confirmed is None  # findings are values: replace() makes a new one


def test_the_learner_rename_gives_the_alter_column_fix():
    """The rule's own example, in a learner's chain that generated it twice: an error whose
    fix is the real rename, not the copy fix and not data-dropped."""
    chain = CORPUS / "rename-as-drop-add" / "rocketchat_both_ways"
    first = next(f for f in findings(chain) if f.file.endswith("0002_rocketchat_user.py"))
    assert (first.rule, first.severity) == ("rename-as-drop-add", "error")
    assert first.fix.startswith(
        'op.alter_column("recruits", "chatname", new_column_name="rocketchat_user")')


def test_a_drop_after_code_the_reviewer_cannot_follow_is_a_warning_that_says_so():
    chain = CORPUS / "data-dropped" / "unfollowed_code"
    found = next(f for f in findings(chain) if f.file.endswith("0004_unknown_helper.py")
                 and f.rule == "data-dropped")
    assert found.severity == "warning"
    assert "keep_somewhere()" in found.message and "--run" in found.message


@pytest.mark.bubblewrap
def test_the_summary_counts_and_names_the_revisions_squawk_did_not_see():
    from dbkit.review.output import summary

    chain = CORPUS / "not-rendered" / "needs_the_app"
    line = summary(findings(chain, sql=True), 2)
    assert line.endswith("; 1 revision not rendered for squawk (0002_needs_the_app.py)")


@pytest.mark.slow
def test_no_message_names_an_object_none():
    """A table or column the reviewer cannot name is said so, never printed as None
    (pgadmin's `sharedserver.None`: an add in a loop over a computed list)."""
    named_none = re.compile(r"\w\.None\b|\bNone\.\w")
    bad = [f"{case.id}: {f.message}" for case in CASES for f in findings(case.path)
           if named_none.search(f.message)]
    assert bad == []


def test_a_change_made_on_two_branches_says_so_not_that_it_repeats_an_earlier_one():
    chain = CORPUS / "broken-chain" / "same_table_made_on_two_branches"
    found = next(f for f in findings(chain) if f.line == 10)
    assert found.message.startswith("The same change is made on two branches: table cohorts is "
                                    "created by revision 0002 too, which is not on this "
                                    "revision's path.")
    assert "`alembic upgrade heads`" in found.message and "already" not in found.message


def test_a_column_dropped_again_on_its_own_path_fails_and_loses_nothing():
    chain = CORPUS / "broken-chain" / "column_dropped_twice"
    found = [f for f in findings(chain) if f.file.endswith("0003_drop_chatname_again.py")]
    assert [(f.rule, f.severity) for f in found] == [("broken-chain", "error")]
    assert "revision 0002, before this one, dropped it" in found[0].message


def test_a_drop_beside_a_failing_not_null_add_says_it_runs_only_on_an_empty_table_until_fixed():
    chain = CORPUS / "data-dropped" / "dropped_beside_a_failing_not_null_add"
    drop = next(f for f in findings(chain) if f.rule == "data-dropped")
    assert drop.severity == "error"
    assert drop.message.endswith(
        "As written, this revision cannot run on rows: line 10 adds recruits.rocketchat_id NOT "
        "NULL with no server default, which fails on any existing row, so the drop only ever "
        "runs on an empty table; once that add is fixed (a default, a fill), the values go.")
