"""dbkit.project: the one module that finds the Alembic chain in use (no database needed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.commands import PROJECT_ROOT

from dbkit import project
from dbkit.errors import ConfigError

REVISION = '''"""{doc}"""
revision = "{rev}"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
'''


def chain(folder: Path, ini_text: str | None = "[alembic]\nscript_location = %(here)s/db\n",
          scripts: str = "db", revisions: tuple[str, ...] = ("0001",)) -> Path:
    """A small chain: ``folder/<scripts>/env.py`` and revisions, and an ini if given."""
    (folder / scripts / "versions").mkdir(parents=True)
    (folder / scripts / "env.py").write_text("# env\n")
    (folder / scripts / "script.py.mako").write_text("")
    down = None
    for rev in revisions:
        (folder / scripts / "versions" / f"{rev}_x.py").write_text(
            REVISION.format(doc=f"Step {rev}", rev=rev, down=down))
        down = rev
    if ini_text is not None:
        (folder / "alembic.ini").write_text(ini_text)
    return folder


def test_in_use_order_is_c_then_alembic_config_then_the_working_folder_then_the_repository(
        tmp_path):
    a, b, c = (chain(tmp_path / name) for name in "abc")
    assert project.in_use(a / "alembic.ini", environ={"ALEMBIC_CONFIG": str(b / "alembic.ini")},
                          cwd=c).script_location == (a / "db").resolve()
    assert project.in_use(None, environ={"ALEMBIC_CONFIG": str(b / "alembic.ini")},
                          cwd=c).script_location == (b / "db").resolve()
    assert project.in_use(None, environ={}, cwd=c).script_location == (c / "db").resolve()
    repository = project.in_use(None, environ={}, cwd=tmp_path)
    assert repository.is_repository_chain
    assert repository.ini == (PROJECT_ROOT / "alembic.ini").resolve()
    # A relative -c is relative to the working folder, as alembic -c is.
    assert project.in_use("alembic.ini", environ={}, cwd=b).ini == (b / "alembic.ini").resolve()


def test_a_missing_config_is_one_clear_error(tmp_path):
    with pytest.raises(ConfigError, match=r"no Alembic configuration at nowhere\.ini: pass the "
                                          r"path of an alembic\.ini with -c"):
        project.in_use("nowhere.ini", environ={}, cwd=tmp_path)
    (tmp_path / "alembic.ini").write_text("[alembic]\nsqlalchemy.url = x\n")
    with pytest.raises(ConfigError, match="has no script_location"):
        project.from_ini(tmp_path / "alembic.ini")
    (tmp_path / "alembic.ini").write_text("[alembic\nbroken")
    with pytest.raises(ConfigError, match="cannot read"):
        project.from_ini(tmp_path / "alembic.ini")


def test_relative_and_package_locations_and_version_locations(tmp_path):
    chain(tmp_path, "[alembic]\nscript_location = db\n")
    assert project.from_ini(tmp_path / "alembic.ini").script_location == (tmp_path / "db").resolve()

    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "sub" / "__init__.py").write_text("")
    (tmp_path / "more").mkdir()
    (tmp_path / "alembic.ini").write_text(
        "[alembic]\nscript_location = pkg.sub:migrations\npath_separator = os\n"
        f"version_locations = %(here)s/db/versions{os.pathsep}%(here)s/more\n")
    found = project.from_ini(tmp_path / "alembic.ini")
    assert found.script_location == (tmp_path / "pkg" / "sub" / "migrations").resolve()
    assert found.versions == ((tmp_path / "db" / "versions").resolve(), (tmp_path / "more").resolve())


def test_config_has_absolute_paths_and_works_from_any_folder(tmp_path, monkeypatch):
    chain(tmp_path / "app", "[alembic]\nscript_location = db\nprepend_sys_path = .\n",
          revisions=("0001", "0002"))
    found = project.from_ini(tmp_path / "app" / "alembic.ini")
    monkeypatch.chdir(tmp_path)  # not the ini's folder
    config = found.config()
    assert config.get_main_option("script_location") == str((tmp_path / "app" / "db").resolve())
    assert config.get_main_option("prepend_sys_path") == str((tmp_path / "app").resolve())
    assert found.script().get_current_head() == "0002"
    bare = found.config(bare=True)
    assert bare.config_file_name is None  # an env.py run with it leaves logging alone
    assert bare.get_main_option("script_location") == str((tmp_path / "app" / "db").resolve())


def test_from_config_is_the_chain_alembic_itself_was_given(tmp_path):
    chain(tmp_path)
    from alembic.config import Config

    given = Config(str(tmp_path / "alembic.ini"))
    found = project.from_config(given)
    assert found.ini == (tmp_path / "alembic.ini").resolve()
    assert found.script_location == (tmp_path / "db").resolve()

    (tmp_path / "other" / "versions").mkdir(parents=True)
    given.set_main_option("script_location", str(tmp_path / "other"))
    assert project.from_config(given).script_location == (tmp_path / "other").resolve()

    bare = Config()
    bare.set_main_option("script_location", str(tmp_path / "db"))
    assert project.from_config(bare).ini is None
    with pytest.raises(ConfigError, match="no script_location"):
        project.from_config(Config())


def test_find_an_ini_a_root_a_scripts_folder_or_a_versions_folder(tmp_path):
    chain(tmp_path / "repo" / "backend")
    chain(tmp_path / "bare", ini_text=None, scripts="migrations")
    (tmp_path / "repo" / "node_modules" / "x").mkdir(parents=True)
    chain(tmp_path / "repo" / "node_modules" / "x")  # never searched

    (found,) = project.find(tmp_path / "repo")
    assert found.ini == (tmp_path / "repo" / "backend" / "alembic.ini").resolve()
    (found,) = project.find(tmp_path / "repo" / "backend" / "alembic.ini")
    assert found.script_location == (tmp_path / "repo" / "backend" / "db").resolve()
    (found,) = project.find(tmp_path / "bare" / "migrations")
    assert found.ini is None and found.root == (tmp_path / "bare").resolve()
    (found,) = project.find(tmp_path / "bare" / "migrations" / "versions")
    assert found.script_location == (tmp_path / "bare" / "migrations").resolve()
    assert [p.script_location for p in project.find(tmp_path / "bare")] == \
        [(tmp_path / "bare" / "migrations").resolve()]
    with pytest.raises(ConfigError, match="no such folder"):
        project.find(tmp_path / "missing")


def test_name_is_relative_to_the_working_folder(tmp_path, monkeypatch):
    chain(tmp_path / "work")
    found = project.from_ini(tmp_path / "work" / "alembic.ini")
    monkeypatch.chdir(tmp_path)
    assert found.name() == str(Path("work") / "alembic.ini")
    assert not found.is_repository_chain
