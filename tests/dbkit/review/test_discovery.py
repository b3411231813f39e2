"""Finding the chains a user points at: a repository root whose alembic.ini sits deeper,
a package-style script_location, several chains each named, per-dialect sub-folders."""

from __future__ import annotations

import json
import shutil

from review_cases import CORPUS

from dbkit.cli.review import main
from dbkit.review.chain import collect_named

RENAME = CORPUS / "rename-as-drop-add" / "rename_as_drop_add"


def _package_repo(root):
    """src/app/alembic.ini with two sections naming package-style locations (like
    Netflix/dispatch: [core] and [tenant], script_location = app:db/core)."""
    package = root / "src" / "app"
    (package / "db").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    for name in ("core", "tenant"):
        shutil.copytree(RENAME, package / "db" / name / "versions")
        (package / "db" / name / "env.py").write_text("target_metadata = None\n")
    (package / "alembic.ini").write_text(
        "[alembic]\nfile_template = %%(rev)s\n\n"
        "[core]\nscript_location = app:db/core\n\n[tenant]\nscript_location = app:db/tenant\n")
    return package


def test_a_repository_root_with_a_deeper_package_style_ini_gives_each_chain_named(
        tmp_path, capsys):
    _package_repo(tmp_path)

    chains = collect_named(str(tmp_path))

    assert [(name.rsplit("/", 1)[-1], len(revs)) for name, revs, _ in chains] == [
        ("alembic.ini [core]", 2), ("alembic.ini [tenant]", 2)]
    assert main([str(tmp_path), "--no-squawk"]) == 1
    out, err = capsys.readouterr()
    assert "[core]: 2 revisions" in err and "[tenant]: 2 revisions" in err
    assert out.count("rename-as-drop-add") == 2  # one in each chain


def test_a_script_location_with_colons_throughout_is_a_package_path(tmp_path, capsys):
    """prefect:server:database:_migrations, as Alembic reads it (every colon a folder)."""
    scripts = tmp_path / "prefect" / "server" / "database" / "_migrations"
    shutil.copytree(RENAME, scripts / "versions")
    (tmp_path / "prefect" / "__init__.py").write_text("")
    (tmp_path / "prefect" / "server" / "database" / "alembic.ini").write_text(
        "[alembic]\nscript_location = prefect:server:database:_migrations\n")

    assert main([str(tmp_path), "--no-squawk", "--format", "json"]) == 1
    files = {item["file"] for item in json.loads(capsys.readouterr().out)}
    assert files and all("_migrations/versions" in f for f in files)


def test_per_dialect_sub_folders_are_one_chain_each(tmp_path):
    versions = tmp_path / "migrations" / "versions"
    for dialect in ("postgresql", "sqlite"):
        shutil.copytree(RENAME, versions / dialect)
    (tmp_path / "migrations" / "env.py").write_text("target_metadata = None\n")

    chains = collect_named(str(tmp_path))

    assert sorted(name.rsplit(" ", 1)[-1] for name, _, _ in chains) == ["(postgresql)",
                                                                       "(sqlite)"]
    assert all(len(revs) == 2 for _, revs, _ in chains)


def test_linked_sub_folders_stay_one_chain(tmp_path):
    """neutron-style expand / contract folders whose revisions follow each other: one chain."""
    versions = tmp_path / "versions"
    (versions / "expand").mkdir(parents=True)
    (versions / "contract").mkdir()
    shutil.copy(RENAME / "0001_create_recruits.py", versions / "expand")
    shutil.copy(RENAME / "0002_rename_chatname.py", versions / "contract")
    (tmp_path / "env.py").write_text("target_metadata = None\n")

    chains = collect_named(str(tmp_path))

    assert [len(revisions) for _, revisions, _ in chains] == [2]
