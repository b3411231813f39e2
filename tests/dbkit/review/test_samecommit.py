"""A table made by an earlier revision that came into the repository in the same commit as
the revision that drops it, deletes its rows or makes a column NOT NULL (samecommit.py;
issue 19, the F-empty of held-out24): an error whose message says what git shows, on that
evidence only, built here in a temporary repository. (A warning until round 42: its readers
read those lines as losses.)"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from review_cases import commit_revisions, findings, git, new_repository

from dbkit.review import rewritten, samecommit

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

HEAD = 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "{0}"\ndown_revision = {1}\n\n\n'
INIT = HEAD.format("0001", "None") + (
    'def upgrade():\n    op.create_table("visitors", sa.Column("id", sa.Integer(), '
    'primary_key=True))\n\n\ndef downgrade():\n    op.drop_table("visitors")\n')
MAKES = HEAD.format("0002", '"0001"') + (
    'def upgrade():\n    op.create_table(\n        "campaigns",\n'
    '        sa.Column("id", sa.Integer(), primary_key=True),\n'
    '        sa.Column("budget", sa.Integer()),\n'
    '        sa.Column("owner", sa.String(50)),\n    )\n\n\n'
    'def downgrade():\n    op.drop_table("campaigns")\n')
CHANGES = HEAD.format("0003", '"0002"') + (
    'def upgrade():\n    op.drop_column("campaigns", "budget")\n'
    '    op.alter_column("campaigns", "owner", nullable=False)\n'
    '    op.drop_column("visitors", "id")\n\n\n'
    'def downgrade():\n    pass\n')
DROP, NOT_NULL, OLD_TABLE = 9, 10, 11  # the lines of CHANGES' three statements
SAID = "which git added in the same commit as this one"


def _plain(found: tuple[str, str, str]) -> tuple[str, str]:
    """(rule, severity) of an error that does not speak of the same commit; else ("", "")."""
    return found[:2] if SAID not in found[2] else ("", "")


def _found(path: Path) -> dict[int, tuple[str, str, str]]:
    samecommit._adding_commits.cache_clear()
    try:
        return {f.line: (f.rule, f.severity, f.message) for f in findings(path)
                if f.rule in ("data-dropped", "not-null-without-backfill")}
    finally:
        samecommit._adding_commits.cache_clear()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = new_repository(tmp_path)
    commit_revisions(root, {"0001_init.py": INIT}, "the first table")
    return root


def test_a_table_that_came_with_the_revision_changing_it_is_an_error_that_says_so(repo):
    commit_revisions(repo, {"0002_campaigns.py": MAKES, "0003_reshape.py": CHANGES}, "both")
    commit = git(repo, "rev-parse", "HEAD")
    found = _found(repo)
    assert found[DROP] == ("data-dropped", "error", (
        "Drops column campaigns.budget and every value in it, with no copy kept. Table "
        f"campaigns was made by revision 0002 (line 9), {SAID} ({commit[:10]}), and nothing "
        "between them writes it: a database upgraded from the repository in one go holds no "
        "rows there; this is about one upgraded to that revision before the commit, which can "
        "hold rows."))
    assert found[NOT_NULL][:2] == ("not-null-without-backfill", "error")
    assert found[NOT_NULL][2].endswith(f" Table campaigns was made by revision 0002 (line 9), "
                                       f"{SAID} ({commit[:10]}), and nothing between them "
                                       "writes it: a database upgraded from the repository in "
                                       "one go holds no rows there; this is about one upgraded "
                                       "to that revision before the commit, which can hold rows.")
    assert _plain(found[OLD_TABLE]) == ("data-dropped", "error")  # (made in an earlier commit)


def test_revisions_added_by_different_commits_say_nothing_of_it(repo):
    commit_revisions(repo, {"0002_campaigns.py": MAKES}, "campaigns")
    commit_revisions(repo, {"0003_reshape.py": CHANGES}, "reshape")
    found = _found(repo)
    assert {line: _plain(f)[1] for line, f in found.items()} == {
        DROP: "error", NOT_NULL: "error", OLD_TABLE: "error"}


def test_the_commit_that_brought_the_whole_chain_proves_nothing(tmp_path):
    """A chain written and deployed elsewhere, then imported in one commit."""
    repo = new_repository(tmp_path)
    (repo / "README").write_text("an app\n")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "start")
    commit_revisions(repo, {"0001_init.py": INIT, "0002_campaigns.py": MAKES,
                   "0003_reshape.py": CHANGES}, "the chain")
    assert {line: _plain(f)[1] for line, f in _found(repo).items()} == {
        DROP: "error", NOT_NULL: "error", OLD_TABLE: "error"}


@pytest.mark.parametrize("change", [
    # a revision between them fills it
    ("0002_campaigns.py", '    )\n\n\n', '    )\n    op.execute("INSERT INTO campaigns (id, '
     'budget, owner) SELECT id, 0, \'x\' FROM visitors")\n\n\n'),
    # made IF NOT EXISTS: maybe over a table the application had written
    ("0002_campaigns.py", '"campaigns",\n', '"campaigns", if_not_exists=True,\n'),
    # this revision writes it first
    ("0003_reshape.py", "def upgrade():\n",
     "def upgrade():\n    op.execute(\"UPDATE campaigns SET owner = 'x'\")\n"),
], ids=["filled-between", "if-not-exists", "written-first"])
def test_a_table_that_may_hold_rows_is_a_plain_error(repo, change):
    name, old, new = change
    files = {"0002_campaigns.py": MAKES, "0003_reshape.py": CHANGES}
    assert old in files[name]
    files[name] = files[name].replace(old, new)
    commit_revisions(repo, files, "both")
    found = _found(repo)
    line = DROP + (1 if name == "0003_reshape.py" else 0)
    assert _plain(found[line]) == ("data-dropped", "error")


def test_another_revision_making_the_table_again_is_a_plain_error(repo):
    again = HEAD.format("0004", '"0003"') + (
        'def upgrade():\n    op.create_table("campaigns", sa.Column("id", sa.Integer()))\n\n\n'
        'def downgrade():\n    pass\n')
    commit_revisions(repo, {"0002_campaigns.py": MAKES, "0003_reshape.py": CHANGES}, "both")
    commit_revisions(repo, {"0004_again.py": again}, "again")
    assert _plain(_found(repo)[DROP]) == ("data-dropped", "error")


def test_without_git_or_when_git_fails_nothing_is_said(repo, tmp_path, monkeypatch):
    commit_revisions(repo, {"0002_campaigns.py": MAKES, "0003_reshape.py": CHANGES}, "both")
    plain = tmp_path / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    assert _plain(_found(plain)[DROP]) == ("data-dropped", "error")  # not a repository

    def hangs(*args, **kwargs):
        raise subprocess.TimeoutExpired(args[0], rewritten.TIMEOUT)

    monkeypatch.setattr(samecommit.subprocess, "run", hangs)
    assert _plain(_found(repo)[DROP]) == ("data-dropped", "error")
    monkeypatch.setattr(rewritten.shutil, "which", lambda name: None)
    assert _plain(_found(repo)[DROP]) == ("data-dropped", "error")  # git absent


def test_uncommitted_revisions_say_nothing_of_it(repo):
    (repo / "versions" / "0002_campaigns.py").write_text(MAKES)
    (repo / "versions" / "0003_reshape.py").write_text(CHANGES)
    assert _plain(_found(repo)[DROP]) == ("data-dropped", "error")


# A column added to the older table visitors and dropped in the same commit (h30freshcol):
# its values, not the table's rows, are what a drop loses.
ADDS = HEAD.format("0002", '"0001"') + (
    'def upgrade():\n    op.add_column("visitors", sa.Column("note", sa.String(50)))\n\n\n'
    'def downgrade():\n    op.drop_column("visitors", "note")\n')
DROPS_NOTE = HEAD.format("0003", '"0002"') + (
    'def upgrade():\n    op.drop_column("visitors", "note")\n\n\n'
    'def downgrade():\n    pass\n')
NOTE = 9  # the line of DROPS_NOTE's drop


def test_a_column_that_came_with_the_revision_dropping_it_is_an_error_that_says_so(repo):
    commit_revisions(repo, {"0002_note.py": ADDS, "0003_no_note.py": DROPS_NOTE}, "both")
    commit = git(repo, "rev-parse", "HEAD")
    assert _found(repo)[NOTE] == ("data-dropped", "error", (
        "Drops column visitors.note and every value in it, with no copy kept. Column "
        f"visitors.note was added by revision 0002 (line 9), {SAID} ({commit[:10]}), and "
        "nothing between them writes the table: a database upgraded from the repository in one "
        "go holds only NULL there; this is about one upgraded to that revision before the "
        "commit, which can hold values."))


def test_a_fresh_column_made_not_null_on_an_older_table_is_a_plain_error(repo):
    """The old table's rows hold NULL there: the NOT NULL fails on them (movie_requester)."""
    not_null = DROPS_NOTE.replace('op.drop_column("visitors", "note")\n\n\ndef downgrade',
                                  'op.alter_column("visitors", "note", nullable=False)\n\n\n'
                                  'def downgrade')
    commit_revisions(repo, {"0002_note.py": ADDS, "0003_no_note.py": not_null}, "both")
    assert _plain(_found(repo)[NOTE]) == ("not-null-without-backfill", "error")


@pytest.mark.parametrize("change", [
    # a revision between them fills it
    ("0002_note.py", "    op.add_column(\"visitors\", sa.Column(\"note\", sa.String(50)))\n",
     "    op.add_column(\"visitors\", sa.Column(\"note\", sa.String(50)))\n"
     "    op.execute(\"UPDATE visitors SET note = 'x'\")\n"),
    # the column renamed away and another one renamed to its name: it holds that one's values
    ("0002_note.py", "    op.add_column(\"visitors\", sa.Column(\"note\", sa.String(50)))\n",
     "    op.add_column(\"visitors\", sa.Column(\"note\", sa.String(50)))\n"
     "    op.alter_column(\"visitors\", \"note\", new_column_name=\"old_note\")\n"
     "    op.alter_column(\"visitors\", \"id\", new_column_name=\"note\")\n"),
    # added with a server default: every old row holds a value (osparc-simcore, read T)
    ("0002_note.py", "sa.String(50)))\n", "sa.String(50), server_default=\"-\"))\n"),
    ("0002_note.py", "sa.String(50)))\n", "sa.String(50), server_default=\"-\", "
     "nullable=False))\n"),
], ids=["filled-between", "renamed-to-its-name", "server-default", "not-null-default"])
def test_a_fresh_column_that_may_hold_values_is_a_plain_error(repo, change):
    name, old, new = change
    files = {"0002_note.py": ADDS, "0003_no_note.py": DROPS_NOTE}
    assert old in files[name]
    files[name] = files[name].replace(old, new)
    commit_revisions(repo, files, "both")
    assert _plain(_found(repo)[NOTE]) == ("data-dropped", "error")


def _adds_note_again(after: str) -> str:
    return HEAD.format("0004", f'"{after}"') + (
        'def upgrade():\n    op.add_column("visitors", sa.Column("note", sa.Text()))\n\n\n'
        'def downgrade():\n    pass\n')


def test_a_column_another_branch_adds_too_is_a_plain_error(repo):
    """A database that ran the other branch first holds its values when 0003 drops it."""
    commit_revisions(repo, {"0002_note.py": ADDS, "0003_no_note.py": DROPS_NOTE}, "both")
    commit_revisions(repo, {"0004_note_again.py": _adds_note_again("0001")}, "again")
    assert _plain(_found(repo)[NOTE]) == ("data-dropped", "error")


def test_a_column_added_again_after_the_drop_still_says_so(repo):
    """What follows the drop holds nothing the drop could lose (propheter-ds' running_mode,
    held-out29, read F)."""
    commit_revisions(repo, {"0002_note.py": ADDS, "0003_no_note.py": DROPS_NOTE,
                            "0004_note_again.py": _adds_note_again("0003")}, "all three")
    found = _found(repo)[NOTE]
    assert found[:2] == ("data-dropped", "error") and SAID in found[2]


@pytest.mark.parametrize("files,line", [
    ({"0002_campaigns.py": MAKES, "0003_reshape.py": CHANGES}, DROP),
    ({"0002_note.py": ADDS, "0003_no_note.py": DROPS_NOTE}, NOTE),
], ids=["table", "column"])
def test_a_commit_that_renames_a_revision_file_says_nothing_of_it(repo, files, line):
    """Git without rename detection sees a renamed file as added there: the maker may be an
    older revision, committed (and run) long before, under a new name."""
    (maker, first), (changer, second) = files.items()
    commit_revisions(repo, {maker: first}, "the maker, alone")
    commit_revisions(repo, {maker: None, "0002_renamed.py": first, changer: second},
                     "the maker renamed, and the revision that changes its table")
    assert _plain(_found(repo)[line]) == ("data-dropped", "error")


# An UPDATE of every row to a constant before a NOT NULL (a fill that overwrites too): an
# error (kreciarze 3c5318f1a20f, held-out31), which says so when the column is fresh, added
# by a revision git added in the same commit, two revisions back.
UNRELATED = HEAD.format("0003", '"0002"') + (
    'def upgrade():\n    op.create_table("pages", sa.Column("id", sa.Integer(), '
    'primary_key=True))\n\n\ndef downgrade():\n    op.drop_table("pages")\n')
FILLS_NOTE = HEAD.format("0004", '"0003"') + (
    'def upgrade():\n    op.execute("UPDATE visitors SET note = \'x\'")\n'
    '    op.alter_column("visitors", "note", nullable=False)\n\n\n'
    'def downgrade():\n    pass\n')


def test_a_fill_overwriting_a_column_that_may_hold_values_is_an_error(repo):
    commit_revisions(repo, {"0002_note.py": ADDS, "0003_pages.py": UNRELATED}, "note")
    commit_revisions(repo, {"0004_fill.py": FILLS_NOTE}, "fill")
    assert _found(repo)[NOTE] == ("data-dropped", "error", (
        "Sets visitors.note = 'x' in every row (no WHERE): the values it held are lost, with "
        "no copy kept. It comes before the NOT NULL of line 10, as a fill: the rows that held "
        "values are overwritten too (`WHERE note IS NULL` fills only the empty ones)."))


def test_a_fill_of_a_column_that_came_in_the_same_commit_says_so(repo):
    commit_revisions(repo, {"0002_note.py": ADDS, "0003_pages.py": UNRELATED,
                            "0004_fill.py": FILLS_NOTE}, "all three")
    severity, message = _found(repo)[NOTE][1:]
    assert severity == "error"
    assert f"was added by revision 0002 (line 9), {SAID}" in message
