"""Rename-aware autogenerate, against a real database at head.

The end-to-end tests run ``alembic revision --autogenerate`` in a child process
on a temporary copy of the project's alembic.ini, migrations folder and
models.py, with recruits.rocketchat_user renamed to chat_handle in the models;
nothing is ever written to the project's own migrations/versions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import produce_migrations, render_python_code
from alembic.runtime.migration import MigrationContext
from support.commands import PROJECT_ROOT, alembic
from support.printed import assert_parses, commands_in, run_printed

from dbkit.errors import DbkitError
from dbkit.migrate import autogen


@pytest.fixture
def at_head(database_url: str) -> str:
    alembic("upgrade", "head", url=database_url)
    return database_url


@pytest.fixture
def renamed_project(tmp_path: Path) -> Path:
    """A copy of the project where the models call rocketchat_user chat_handle."""
    shutil.copytree(PROJECT_ROOT / "migrations", tmp_path / "migrations",
                    ignore=shutil.ignore_patterns("__pycache__"))
    ini = (PROJECT_ROOT / "alembic.ini").read_text()
    (tmp_path / "alembic.ini").write_text(ini.replace("prepend_sys_path = .",
                                                      "prepend_sys_path = %(here)s"))
    models = (PROJECT_ROOT / "models.py").read_text().replace("rocketchat_user", "chat_handle")
    (tmp_path / "models.py").write_text(models)
    return tmp_path


def autogenerate(project: Path, url: str, *x: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    environ.update(DATABASE_URL=url, PYTHONPATH=str(PROJECT_ROOT))
    args = [a for value in x for a in ("-x", value)]
    return subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(project / "alembic.ini"), *args,
         "revision", "--autogenerate", "-m", "Rename rocketchat_user to chat_handle"],
        cwd=PROJECT_ROOT, env=environ, stdin=subprocess.DEVNULL, capture_output=True,
        text=True, timeout=120)


def generated(project: Path) -> str:
    files = sorted((project / "migrations" / "versions").glob("0009_*.py"))
    assert len(files) == 1, files
    return files[0].read_text()


def test_x_rename_writes_a_rename_both_ways(at_head, renamed_project):
    before = sorted(p.name for p in (PROJECT_ROOT / "migrations" / "versions").iterdir())
    result = autogenerate(renamed_project, at_head, "rename=recruits.rocketchat_user:chat_handle")
    assert result.returncode == 0, result.stderr
    text = generated(renamed_project)
    assert "op.alter_column('recruits', 'rocketchat_user'" in text
    assert "new_column_name='chat_handle'" in text
    assert "op.alter_column('recruits', 'chat_handle'" in text  # the downgrade
    assert "new_column_name='rocketchat_user'" in text
    assert "drop_column" not in text and "add_column" not in text
    assert "WARNING" not in text
    # The project's own chain is untouched.
    assert sorted(p.name for p in (PROJECT_ROOT / "migrations" / "versions").iterdir()) == before


@pytest.mark.slow
def test_without_the_flag_drop_and_add_stay_under_a_loud_warning(at_head, renamed_project):
    result = autogenerate(renamed_project, at_head)
    assert result.returncode == 0, result.stderr
    text = generated(renamed_project)
    assert "op.drop_column('recruits', 'rocketchat_user')" in text
    assert "op.add_column('recruits', sa.Column('chat_handle'" in text
    top = text[:text.index("revision: str")]
    assert "WARNING: DATA LOSS" in top
    assert "recruits.rocketchat_user is DROPPED" in top
    assert "rocketchat_user is dropped and chat_handle added" in result.stderr
    # And the reviewer catches the file that was written.
    from dbkit import review

    revisions, report = review.collect(str(renamed_project / "migrations" / "versions"))
    rules = {f.rule for f in review.review(revisions, report, sql=False)}
    assert "rename-as-drop-add" in rules
    # The command the banner and the warning print runs as printed, in the project.
    printed = commands_in(top)
    assert printed == ['alembic -x rename=recruits.rocketchat_user:chat_handle revision '
                       '--autogenerate -m "..."']
    assert printed == [c for c in commands_in(result.stderr) if "rename" in c]
    next(iter((renamed_project / "migrations" / "versions").glob("0009_*.py"))).unlink()
    again = run_printed(printed[0], at_head, cwd=renamed_project)
    assert again.returncode == 0, again.stderr
    assert "new_column_name='chat_handle'" in generated(renamed_project)


def test_a_bad_rename_flag_is_one_line_and_writes_nothing(at_head, renamed_project):
    result = autogenerate(renamed_project, at_head, "rename=rocketchat_user")
    assert result.returncode != 0
    assert "error: -x rename='rocketchat_user': write it as table.old_column:new_column" \
        in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((renamed_project / "migrations" / "versions").glob("0009_*.py"))


def _script(url: str, metadata: sa.MetaData):
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "include_object": autogen.include_object})
            return produce_migrations(context, metadata)
    finally:
        engine.dispose()


def _renamed_metadata() -> sa.MetaData:
    from models import Base

    metadata = sa.MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.tables.values():
        table.to_metadata(metadata)
    recruits = metadata.tables["recruits"]
    recruits.c.rocketchat_user.name = "chat_handle"
    recruits.c.rocketchat_user.key = "chat_handle"
    return metadata


def test_the_prompt_asks_the_question_and_a_yes_renames(at_head):
    script = _script(at_head, _renamed_metadata())
    asked = []
    kept = autogen.rewrite_renames(script, set(), ask=lambda q: asked.append(q) or True)
    assert asked == ["Did you rename recruits.rocketchat_user to recruits.chat_handle?"]
    assert kept == []
    code = render_python_code(script.upgrade_ops)
    assert "new_column_name='chat_handle'" in code and "drop_column" not in code


def test_a_no_keeps_drop_and_add_with_the_warning(at_head):
    script = _script(at_head, _renamed_metadata())
    kept = autogen.rewrite_renames(script, set(), ask=lambda q: False)
    assert kept == [("recruits", "rocketchat_user", "chat_handle")]
    assert any("WARNING: DATA LOSS" in line for line in script.imports)
    assert "drop_column" in render_python_code(script.upgrade_ops)


def test_a_table_made_by_hand_is_never_dropped(at_head):
    engine = sa.create_engine(at_head)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE notes (id int PRIMARY KEY)"))
    engine.dispose()
    from models import Base

    script = _script(at_head, Base.metadata)
    assert script.upgrade_ops.is_empty()
    # A table the chain created and the models dropped is still proposed for dropping.
    metadata = sa.MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(metadata)
    metadata.remove(metadata.tables["cohorts"])
    code = render_python_code(_script(at_head, metadata).upgrade_ops)
    assert "op.drop_table('cohorts')" in code
    assert "notes" not in code


@pytest.mark.parametrize("argument, expected", [
    (["rename=recruits.chatname:rocketchat_user"], {("recruits", "chatname", "rocketchat_user")}),
    (["rename=a.x:y, b.p:q", "rename=archive.t.c:d", "other=1"],
     {("a", "x", "y"), ("b", "p", "q"), ("archive.t", "c", "d")}),
])
def test_rename_flags_parse(argument, expected):
    assert autogen.parse_renames(argument) == expected


def test_a_malformed_rename_flag_names_the_right_form():
    with pytest.raises(DbkitError, match="table.old_column:new_column"):
        autogen.parse_renames(["rename=recruits.chatname"])


# -- a database changed by hand (situation 2) ----------------------------------------------------

def rename_by_hand(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(
            "ALTER TABLE recruits RENAME COLUMN rocketchat_user TO chat_handle"))
    engine.dispose()


def test_before_asking_it_says_the_database_was_renamed_by_hand(at_head, monkeypatch):
    from models import Base

    rename_by_hand(at_head)  # the models still say rocketchat_user
    monkeypatch.setenv("ENV", "dev")
    engine = sa.create_engine(at_head)
    said: list[str] = []
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "include_object": autogen.include_object})
            script = produce_migrations(context, Base.metadata)
            write = autogen.prepare(script, connection, [], say=said.append,
                                    ask=lambda q: said.append(q) or True)
    finally:
        engine.dispose()

    assert write is True
    notice, explained, question = said
    assert notice.startswith("note: this dev database was changed by hand")
    assert "probable hand-made rename of rocketchat_user to chat_handle" in notice
    assert "`ENV=dev python -m dbkit drift`" in notice
    assert "recruits.chat_handle is the name given by hand" in explained
    assert question == "Did you rename recruits.chat_handle to recruits.rocketchat_user?"
    assert "new_column_name='rocketchat_user'" in render_python_code(script.upgrade_ops)


def test_no_changes_says_the_database_matches_because_it_was_changed_by_hand(
        at_head, renamed_project):
    rename_by_hand(at_head)  # and the models say chat_handle too

    result = autogenerate(renamed_project, at_head)

    assert result.returncode == 0, result.stderr
    assert "no revision written" in result.stdout
    assert "matches the models only because it was changed by hand" in result.stdout
    assert "probable hand-made rename of rocketchat_user to chat_handle" in result.stdout
    assert 'op.alter_column("recruits", "rocketchat_user", new_column_name="chat_handle")' \
        in result.stdout
    assert not list((renamed_project / "migrations" / "versions").glob("0009_*.py"))
    for command in commands_in(result.stdout):
        assert_parses(command)


def test_no_changes_on_an_untouched_database_is_the_usual_line(at_head, tmp_path):
    shutil.copytree(PROJECT_ROOT / "migrations", tmp_path / "migrations",
                    ignore=shutil.ignore_patterns("__pycache__"))
    ini = (PROJECT_ROOT / "alembic.ini").read_text()
    (tmp_path / "alembic.ini").write_text(ini.replace("prepend_sys_path = .",
                                                      "prepend_sys_path = %(here)s"))
    shutil.copy(PROJECT_ROOT / "models.py", tmp_path / "models.py")

    result = autogenerate(tmp_path, at_head)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "No changes in the models: no revision written."
    assert "changed by hand" not in result.stdout
