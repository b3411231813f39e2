"""A drop IF EXISTS of what a revision still in the chain made before it was rewritten to
``pass`` (rewritten.py; issue 19, held-out22 ForgeBase 0025_drop_phase2_residuals): the
chain's git history is the evidence, built here in a temporary repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from review_cases import commit_revisions as _commit
from review_cases import findings, new_repository
from review_cases import git as _git

from dbkit.review import rewritten

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

HEAD = 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "{0}"\ndown_revision = {1}\n\n\n'
INIT = HEAD.format("0001", "None") + (
    'def upgrade():\n    op.create_table(\n        "visitors",\n'
    '        sa.Column("id", sa.Integer(), primary_key=True),\n'
    '        sa.Column("email", sa.String(200)),\n    )\n\n\n'
    'def downgrade():\n    op.drop_table("visitors")\n')
MADE = HEAD.format("0002", '"0001"') + (
    'def upgrade():\n    op.create_table(\n        "audiences",\n'
    '        sa.Column("id", sa.Integer(), primary_key=True),\n'
    '        sa.Column("name", sa.String(200)),\n    )\n'
    '    op.add_column("visitors", sa.Column("last_seen_ip", sa.String(45)))\n'
    '    op.execute("ALTER TABLE visitors ADD COLUMN account_id INTEGER")\n\n\n'
    'def downgrade():\n    op.drop_column("visitors", "account_id")\n'
    '    op.drop_column("visitors", "last_seen_ip")\n    op.drop_table("audiences")\n')
PLACEHOLDER = HEAD.format("0002", '"0001"') + (
    'def upgrade():\n    pass  # historical placeholder, kept for the chain\n\n\n'
    'def downgrade():\n    pass\n')
DROPS = HEAD.format("0003", '"0002"') + (
    'def upgrade():\n    op.execute("DROP TABLE IF EXISTS audiences")\n'
    '    op.execute("ALTER TABLE IF EXISTS visitors DROP COLUMN IF EXISTS last_seen_ip")\n'
    '    op.execute("ALTER TABLE visitors DROP COLUMN IF EXISTS account_id")\n'
    '    op.execute("ALTER TABLE visitors DROP COLUMN IF EXISTS never_there")\n\n\n'
    'def downgrade():\n    pass\n')


def _errors(path: Path) -> dict[int, str]:
    rewritten._history.cache_clear()
    try:
        return {f.line: f.message for f in findings(path)
                if f.rule == "data-dropped" and f.severity == "error"}
    finally:
        rewritten._history.cache_clear()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return new_repository(tmp_path)


def test_the_drops_of_what_a_rewritten_revision_made_are_errors(repo):
    made = _commit(repo, {"0001_init.py": INIT, "0002_phase2.py": MADE}, "phase 2")
    rewrite = _commit(repo, {"0002_phase2.py": PLACEHOLDER}, "phase 2 to a placeholder")
    _commit(repo, {"0003_drop_phase2.py": DROPS}, "drop phase 2 residuals")
    errors = _errors(repo)
    assert errors[9] == (
        f"Drops table audiences, which revision 0002 made as committed in {made} (since "
        f"rewritten, {rewrite}): a database upgraded before that holds it, and every row in "
        "it goes with no copy kept.")
    assert errors[10].startswith(f"Drops column visitors.last_seen_ip, which revision 0002 "
                                 f"made as committed in {made} (since rewritten, {rewrite})")
    assert "every value in it goes with no copy kept" in errors[10]
    assert errors[11].startswith("Drops column visitors.account_id, which revision 0002 made")
    assert 12 not in errors  # (a column no version of any revision made: a no-op still)


def test_a_revision_deleted_from_the_chain_is_left_as_before(repo):
    """A squash: the revision that made them is gone from the chain (it may have copied
    their rows elsewhere first); the drops stay no-ops."""
    _commit(repo, {"0001_init.py": INIT, "0002_phase2.py": MADE}, "phase 2")
    _commit(repo, {"0002_phase2.py": None,
                   "0003_drop_phase2.py": DROPS.replace('"0002"', '"0001"')}, "squash")
    assert _errors(repo) == {}


def test_a_drop_before_the_revision_that_made_it_is_left_as_before(repo):
    """The old revision ran after the drop: on a database upgraded then, the drop came
    first and dropped nothing."""
    _commit(repo, {"0001_init.py": INIT, "0002_phase2.py": MADE.replace('"0001"', '"0003"')
                   .replace('"0002"', '"0004"'),
                   "0003_drop_phase2.py": DROPS.replace('"0002"', '"0001"')}, "phase 2")
    _commit(repo, {"0002_phase2.py": PLACEHOLDER.replace('"0001"', '"0003"')
                   .replace('"0002"', '"0004"')}, "placeholder")
    assert _errors(repo) == {}


def test_without_git_history_nothing_changes(repo, tmp_path, monkeypatch):
    _commit(repo, {"0001_init.py": INIT, "0002_phase2.py": MADE}, "phase 2")
    _commit(repo, {"0002_phase2.py": PLACEHOLDER}, "phase 2 to a placeholder")
    _commit(repo, {"0003_drop_phase2.py": DROPS}, "drop phase 2 residuals")
    plain = tmp_path / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    assert _errors(plain) == {}  # not a repository
    monkeypatch.setattr(rewritten.shutil, "which", lambda name: None)
    assert _errors(repo) == {}  # git absent


def test_a_git_that_fails_or_hangs_changes_nothing(repo, monkeypatch):
    _commit(repo, {"0001_init.py": INIT, "0002_phase2.py": MADE}, "phase 2")
    _commit(repo, {"0002_phase2.py": PLACEHOLDER}, "phase 2 to a placeholder")
    _commit(repo, {"0003_drop_phase2.py": DROPS}, "drop phase 2 residuals")

    def hangs(*args, **kwargs):
        raise subprocess.TimeoutExpired(args[0], rewritten.TIMEOUT)

    monkeypatch.setattr(rewritten.subprocess, "run", hangs)
    assert _errors(repo) == {}


def test_git_runs_only_for_a_chain_with_such_a_drop(repo, monkeypatch):
    _commit(repo, {"0001_init.py": INIT, "0002_phase2.py": MADE}, "phase 2")
    calls = []
    monkeypatch.setattr(rewritten.subprocess, "run", lambda *a, **k: calls.append(a))
    _errors(repo)
    assert calls == []


def test_what_makes_a_table_or_column():
    drop_table = rewritten.Op("drop_table", 1, 1, table="public.audiences")
    assert rewritten.makes('op.create_table(\n    "audiences",\n', drop_table)
    assert rewritten.makes("CREATE TABLE IF NOT EXISTS public.audiences (id int);", drop_table)
    assert not rewritten.makes("CREATE TABLE audiences_old (id int);", drop_table)
    column = rewritten.Op("drop_column", 1, 1, table="audiences", column="name")
    assert rewritten.makes('op.create_table("audiences", sa.Column("name", sa.Text()))', column)
    assert not rewritten.makes('op.create_table("audiences")\nop.create_table("other", '
                               'sa.Column("name", sa.Text()))', column)
    assert rewritten.makes('with op.batch_alter_table("audiences") as b:\n'
                           '    b.add_column(sa.Column("name", sa.Text()))', column)
    assert rewritten.makes("CREATE TABLE audiences (\n  id int,\n  name text\n);", column)
    assert rewritten.makes("ALTER TABLE audiences ADD COLUMN IF NOT EXISTS name text", column)
    assert not rewritten.makes("ALTER TABLE audiences ADD COLUMN named text", column)


LEFTOVER = HEAD.format("0003", '"0002"') + (
    'def _table_exists(name):\n    return name in sa.inspect(op.get_bind()).get_table_names()\n\n\n'
    'def upgrade():\n    if _table_exists("audiences"):\n        op.drop_table("audiences")\n\n\n'
    'def downgrade():\n    pass\n')


def test_a_drop_under_a_test_that_its_table_exists_is_an_error_too(repo):
    """leftovers.py's warning (a table no revision makes, dropped if it exists) gives way to
    the error when a revision still in the chain made it as once committed."""
    _commit(repo, {"0001_init.py": INIT, "0002_phase2.py": PLACEHOLDER,
                   "0003_drop_phase2.py": LEFTOVER}, "no phase 2")
    rewritten._history.cache_clear()
    warned = {f.line: f.severity for f in findings(repo) if f.rule == "data-dropped"}
    assert warned == {14: "warning"}
    _commit(repo, {"0002_phase2.py": MADE}, "phase 2, then")
    _commit(repo, {"0002_phase2.py": PLACEHOLDER}, "phase 2 to a placeholder")
    assert _errors(repo)[14].startswith("Drops table audiences, which revision 0002 made as "
                                        "committed in")


def test_a_revision_deleted_then_put_back_as_a_placeholder(repo):
    """ForgeBase: 8fd469f deleted 0008-0013 with the drops, ce519e4 put them back as `pass`
    to mend the chain: the message says so."""
    made = _commit(repo, {"0001_init.py": INIT, "0002_phase2.py": MADE}, "phase 2")
    gone = _commit(repo, {"0002_phase2.py": None, "0003_drop_phase2.py": DROPS}, "no phase 2")
    back = _commit(repo, {"0002_phase2.py": PLACEHOLDER}, "mend the chain")
    assert _errors(repo)[9].startswith(
        f"Drops table audiences, which revision 0002 made as committed in {made} (since "
        f"deleted in {gone}, put back rewritten in {back}): a database upgraded before")


def test_a_column_todays_chain_dropped_before_is_left_as_before(repo):
    """ingo360-backend 9f4c2a1b3d7e: ``DROP COLUMN IF EXISTS doctors.company_id`` right after
    677e947c3a24 dropped it; an older version of the revision that adds it made it too, but
    the drop before is the one that loses its values: this one drops nothing."""
    again = MADE.replace("sa.String(45)", "sa.String(64)")
    first = HEAD.format("0003", '"0002"') + (
        'def upgrade():\n    op.drop_column("visitors", "last_seen_ip")\n\n\n'
        'def downgrade():\n    pass\n')
    second = HEAD.format("0004", '"0003"') + (
        'def upgrade():\n'
        '    op.execute("ALTER TABLE visitors DROP COLUMN IF EXISTS last_seen_ip")\n\n\n'
        'def downgrade():\n    pass\n')
    _commit(repo, {"0001_init.py": INIT, "0002_phase2.py": MADE}, "phase 2")
    _commit(repo, {"0002_phase2.py": again, "0003_drop.py": first, "0004_drop.py": second},
            "wider, then dropped")
    rewritten._history.cache_clear()
    errors = {(Path(f.file).name, f.line) for f in findings(repo)
              if f.rule == "data-dropped" and f.severity == "error"}
    assert errors == {("0003_drop.py", 9)}


def test_a_hostile_repository_config_runs_nothing(repo, tmp_path):
    """The repository's own config asks git to verify signatures with a program of its
    choosing, to run an fsmonitor hook, and to drop the a/ b/ prefixes: the review runs
    neither program and still reads the history."""
    made = _commit(repo, {"0001_init.py": INIT, "0002_phase2.py": MADE}, "phase 2")
    _commit(repo, {"0002_phase2.py": PLACEHOLDER}, "phase 2 to a placeholder")
    _commit(repo, {"0003_drop_phase2.py": DROPS}, "drop phase 2 residuals")
    ran = tmp_path / "ran"
    program = tmp_path / "program.sh"
    program.write_text(f"#!/bin/sh\ntouch {ran}\nexit 1\n")
    program.chmod(0o755)
    for key, value in (("log.showSignature", "true"), ("gpg.program", str(program)),
                       ("core.fsmonitor", str(program)), ("diff.noprefix", "true")):
        _git(repo, "config", key, value)
    errors = _errors(repo)
    assert not ran.exists()
    assert f"which revision 0002 made as committed in {made}" in errors[9]
