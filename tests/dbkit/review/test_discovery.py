"""Finding the chains a user points at: a repository root whose alembic.ini sits deeper,
a package-style script_location, several chains each named, per-dialect sub-folders."""

from __future__ import annotations

import json
import shutil

from review_cases import CORPUS, dbkit_review

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


def test_a_sub_folder_with_a_chain_of_its_own_is_reviewed_apart(tmp_path):
    """versions/legacy/ beside a squash (cgwire/zou): a root of its own, no parent outside
    it, its last id the squash's. Alembic reads it only when the project lists it, so it
    is its own chain, named after the folder, and never merged into the main one."""
    case = CORPUS / "broken-chain" / "squash_beside_a_legacy_chain"
    shutil.copytree(case, tmp_path / "migrations")

    chains = collect_named(str(tmp_path))

    named = {name.rsplit(" ", 1)[-1] if name.endswith(")") else "": sorted(
        rev.path.name for rev in revisions) for name, revisions, _ in chains}
    assert named == {"": ["0001_squash.py", "0002_add_email.py"],
                     "(legacy)": ["0001_create_recruits.py", "0002_index_chatname.py"]}
    assert chains[0][1][0].path.parent.name == "versions"  # the main chain first


def test_a_sub_folder_nothing_names_is_left_out_and_said(tmp_path, caplog):
    """CAPEv2's versions/Deprecated/: a chain of its own, named nowhere in the project (no
    version_locations, no recursive_version_locations): Alembic never reads it, so it is
    no chain to review; the log names it. The same folder named in code is reviewed."""
    case = CORPUS / "broken-chain" / "unlisted_sub_folder_is_never_read"
    shutil.copytree(case, tmp_path / "migrations")

    chains = collect_named(str(tmp_path))

    assert [sorted(rev.path.name for rev in revs) for _, revs, _ in chains] == [
        ["0001_squash.py", "0002_add_email.py"]]
    assert "Deprecated: nothing in the project names it" in caplog.text

    (tmp_path / "cli.py").write_text(
        "import os\nOLD = os.path.join('migrations', 'versions', 'Deprecated')\n")
    assert [name.rsplit(" ", 1)[-1] for name, _, _ in collect_named(str(tmp_path))][1:] == [
        "(Deprecated)"]


def test_recursive_version_locations_merges_every_sub_folder(tmp_path):
    """With ``recursive_version_locations = true`` Alembic reads the sub-folders as one
    chain: so does the reviewer (then legacy/'s second root is a finding)."""
    shutil.copytree(CORPUS / "broken-chain" / "squash_beside_a_legacy_chain",
                    tmp_path / "migrations")
    (tmp_path / "alembic.ini").write_text("[alembic]\nscript_location = migrations\n"
                                          "recursive_version_locations = true\n")

    chains = collect_named(str(tmp_path))

    assert [len(revisions) for _, revisions, _ in chains] == [4]


def test_an_ini_naming_its_scripts_from_the_repository_root_is_found(tmp_path, capsys):
    """OpenStack's project/db/migration/alembic.ini says script_location =
    project/db/migration/alembic_migrations: relative to the repository root, where its
    tools run alembic (mistral); pointed at the ini's folder, the chain is still found."""
    (tmp_path / ".git").mkdir()
    here = tmp_path / "proj" / "db" / "migration"
    shutil.copytree(RENAME, here / "alembic_migrations" / "versions")
    (here / "alembic_migrations" / "env.py").write_text("target_metadata = None\n")
    (here / "alembic.ini").write_text(
        "[alembic]\nscript_location = proj/db/migration/alembic_migrations\n")

    assert main([str(here), "--no-squawk", "--format", "json"]) == 1
    files = {item["file"] for item in json.loads(capsys.readouterr().out)}
    assert files == {str(here / "alembic_migrations" / "versions" / "0002_rename_chatname.py")}


def test_an_ini_whose_location_the_code_fills_in_uses_the_scripts_folder_beside_it(
        tmp_path, capsys, caplog):
    """jupyterhub's alembic.ini is a template (script_location = {alembic_dir}) its code
    fills in: the scripts folder beside the ini is the chain, and the log says so."""
    shutil.copytree(RENAME, tmp_path / "alembic" / "versions")
    (tmp_path / "alembic" / "env.py").write_text("target_metadata = None\n")
    (tmp_path / "alembic.ini").write_text("[alembic]\nscript_location = {alembic_dir}\n")

    assert main([str(tmp_path / "alembic.ini"), "--no-squawk", "--format", "json"]) == 1
    assert {item["rule"] for item in json.loads(capsys.readouterr().out)} == {
        "rename-as-drop-add"}
    assert "using " + str(tmp_path / "alembic") + ", the scripts folder beside it" in caplog.text


def _container_repo(root, location):
    """hotosm/tasking-manager: migrations/alembic.ini says script_location =
    /usr/src/app/migrations, the path inside its container (compose mounts ./migrations
    there); the ini's own folder holds env.py and versions/."""
    (root / ".git").mkdir(parents=True)
    here = root / "migrations"
    shutil.copytree(RENAME, here / "versions")
    (here / "env.py").write_text("target_metadata = None\n")
    (here / "alembic.ini").write_text(f"[alembic]\nscript_location = {location}\n")
    return here


def test_an_absolute_location_that_does_not_exist_here_is_the_ini_s_own_folder(
        tmp_path, capsys, caplog):
    here = _container_repo(tmp_path, "/usr/src/app/no-such-dbkit-folder/migrations")

    assert main([str(tmp_path), "--no-squawk", "--format", "json"]) == 1
    files = {item["file"] for item in json.loads(capsys.readouterr().out)}
    assert files == {str(here / "versions" / "0002_rename_chatname.py")}
    assert [r.getMessage() for r in caplog.records if "script_location" in r.getMessage()] == [
        f"{here / 'alembic.ini'}: script_location /usr/src/app/no-such-dbkit-folder/migrations "
        f"does not exist here; reviewing {here}, the ini's own folder (env.py and versions/)"]


def test_an_absolute_location_out_of_the_repository_is_the_ini_s_own_folder(
        tmp_path, capsys, caplog):
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(RENAME, elsewhere / "versions")  # another chain, never read
    (elsewhere / "versions" / "0003_other.py").write_text("revision = 'x'\n")
    here = _container_repo(tmp_path / "repo", str(elsewhere))

    assert main([str(tmp_path / "repo"), "--no-squawk", "--format", "json"]) == 1
    files = {item["file"] for item in json.loads(capsys.readouterr().out)}
    assert files == {str(here / "versions" / "0002_rename_chatname.py")}
    assert "leads out of the repository; reviewing " + str(here) in caplog.text


def test_an_absolute_location_out_of_the_repository_with_no_scripts_beside_is_refused(
        tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(RENAME, elsewhere / "versions")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "alembic.ini").write_text(f"[alembic]\nscript_location = {elsewhere}\n")

    code, out, err = dbkit_review(capsys, str(repo), "--no-squawk")
    assert code == 2 and "rename-as-drop-add" not in out
    assert err.strip() == (f"error: {elsewhere / 'versions'} leads out of {repo} "
                           f"(to {elsewhere / 'versions'}): not read")


def _stale_repo(root, *scripts):
    """fedora-infra/kerneltest: the root alembic.ini says script_location = alembic, but the
    scripts folder (env.py, versions/) is kerneltest/alembic."""
    (root / ".git").mkdir(parents=True)
    (root / "alembic.ini").write_text("[alembic]\nscript_location = alembic\n")
    for folder in scripts:
        shutil.copytree(RENAME, root / folder / "versions")
        (root / folder / "env.py").write_text("target_metadata = None\n")


def test_a_stale_location_is_the_one_folder_of_the_repository_named_like_it(
        tmp_path, capsys, caplog):
    _stale_repo(tmp_path, "kerneltest/alembic")
    (tmp_path / "docs" / "migrations").mkdir(parents=True)  # another name: not a candidate
    (tmp_path / "docs" / "migrations" / "env.py").write_text("")

    assert main([str(tmp_path), "--no-squawk", "--format", "json"]) == 1
    files = {item["file"] for item in json.loads(capsys.readouterr().out)}
    assert files == {str(tmp_path / "kerneltest/alembic/versions/0002_rename_chatname.py")}
    assert [r.getMessage() for r in caplog.records if "script_location" in r.getMessage()] == [
        f"{tmp_path / 'alembic.ini'}: script_location alembic does not exist; reviewing "
        f"{tmp_path / 'kerneltest' / 'alembic'} (the one folder named alembic with env.py "
        "and versions/)"]


def test_a_stale_location_with_several_folders_named_like_it_names_them_and_reviews_none(
        tmp_path, capsys):
    _stale_repo(tmp_path, "one/alembic", "two/alembic")

    code, out, err = dbkit_review(capsys, str(tmp_path), "--no-squawk")
    assert code == 2 and "rename-as-drop-add" not in out
    assert err.strip() == (
        f"error: {tmp_path / 'alembic.ini'} names script_location alembic, which does not "
        f"exist; several folders named alembic hold env.py and versions/: "
        f"{tmp_path / 'one' / 'alembic'}, {tmp_path / 'two' / 'alembic'}; review one of them")


def test_a_stale_root_ini_beside_an_ini_per_service_reviews_each_service(tmp_path, capsys, caplog):
    """oleksiikomarychev/WorkoutApp (held-out49): the root's ini names a folder that is not
    there, each service's own ini names its chain: each chain is reviewed and named."""
    _stale_repo(tmp_path, "services/plans/alembic", "services/crm/alembic")
    for service in ("plans", "crm"):
        (tmp_path / "services" / service / "alembic.ini").write_text(
            "[alembic]\nscript_location = alembic\n")

    assert main([str(tmp_path), "--no-squawk"]) == 1
    out, err = capsys.readouterr()
    assert out.count("rename-as-drop-add") == 2  # one in each chain
    assert "services/plans/alembic.ini: 2 revisions" in err
    assert "services/crm/alembic.ini: 2 revisions" in err
    assert [r.getMessage() for r in caplog.records if "other alembic.ini" in r.getMessage()] == [
        f"{tmp_path / 'alembic.ini'} names script_location alembic, which does not exist; "
        "reviewing the chains of the repository's other alembic.ini files"]


def test_a_chain_with_no_revision_beside_others_is_named_and_the_others_reviewed(
        tmp_path, capsys, caplog):
    """romaric-tokpa/yemma (held-out49): one service's versions folder is still empty."""
    for service in ("audit", "candidate"):
        (tmp_path / service / "alembic" / "versions").mkdir(parents=True)
        (tmp_path / service / "alembic" / "env.py").write_text("target_metadata = None\n")
        (tmp_path / service / "alembic.ini").write_text("[alembic]\nscript_location = alembic\n")
    shutil.rmtree(tmp_path / "candidate" / "alembic" / "versions")
    shutil.copytree(RENAME, tmp_path / "candidate" / "alembic" / "versions")

    assert main([str(tmp_path), "--no-squawk"]) == 1
    assert capsys.readouterr().out.count("rename-as-drop-add") == 1
    assert [r.getMessage() for r in caplog.records if "no revision found" in r.getMessage()] == [
        f"no revision found in {tmp_path / 'audit' / 'alembic' / 'versions'}; not reviewed"]
    shutil.rmtree(tmp_path / "candidate")  # the empty one alone: still exit 2, naming it
    code, out, err = dbkit_review(capsys, str(tmp_path), "--no-squawk")
    audit = tmp_path / "audit" / "alembic" / "versions"
    assert code == 2 and err.strip() == f"error: no revision found in {audit}"


def test_a_stale_location_whose_namesake_has_no_revisions_is_still_the_clear_error(
        tmp_path, capsys):
    _stale_repo(tmp_path)
    (tmp_path / "pkg" / "alembic" / "versions").mkdir(parents=True)  # env.py, no revision
    (tmp_path / "pkg" / "alembic" / "env.py").write_text("")

    code, _, err = dbkit_review(capsys, str(tmp_path), "--no-squawk")
    assert code == 2
    assert err.strip() == ("error: no revision found: the version folders alembic.ini names "
                           f"do not exist: {tmp_path / 'alembic' / 'versions'}")


def test_a_stale_location_never_follows_a_link_out_of_the_repository(tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere" / "alembic"
    shutil.copytree(RENAME, elsewhere / "versions")
    (elsewhere / "env.py").write_text("target_metadata = None\n")
    repo = tmp_path / "repo"
    _stale_repo(repo)
    (repo / "pkg").mkdir()
    (repo / "pkg" / "alembic").symlink_to(elsewhere, target_is_directory=True)

    code, out, err = dbkit_review(capsys, str(repo), "--no-squawk")
    assert code == 2 and "rename-as-drop-add" not in out
    assert err.strip() == ("error: no revision found: the version folders alembic.ini names "
                           f"do not exist: {repo / 'alembic' / 'versions'}")


def test_an_ini_naming_a_folder_that_exists_nowhere_is_still_one_clear_error(tmp_path, capsys):
    (tmp_path / "alembic.ini").write_text("[alembic]\nscript_location = nowhere\n")

    code, _, err = dbkit_review(capsys, str(tmp_path), "--no-squawk")
    assert code == 2
    assert "error: no revision found: the version folders alembic.ini names do not exist: " \
        + str(tmp_path / "nowhere" / "versions") in err
    assert "Traceback" not in err


def test_a_folder_of_revisions_with_no_ini_and_no_versions_folder_is_found_from_the_root(
        tmp_path, capsys, monkeypatch):
    """flaskbb keeps its revision files directly in app/migrations/ (no alembic.ini, no
    env.py, no versions/: Flask-Alembic configures it in code). From the repository root,
    a folder whose .py files are Alembic revisions is a chain, reviewed and named."""
    shutil.copytree(RENAME, tmp_path / "app" / "migrations")
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text("revision_count = 0\n")
    (tmp_path / "wsgi.py").write_text("from app import app\n")

    chains = collect_named(str(tmp_path))

    assert [(name, len(revs)) for name, revs, _ in chains] == [("app/migrations", 2)]
    monkeypatch.chdir(tmp_path)  # the root given as "."
    assert [name for name, _, _ in collect_named(".")] == ["app/migrations"]
    assert main([str(tmp_path), "--no-squawk", "--format", "json"]) == 1
    assert {item["rule"] for item in json.loads(capsys.readouterr().out)} == {
        "rename-as-drop-add"}


def test_a_root_whose_python_files_are_no_revisions_still_finds_none(tmp_path, capsys):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "models.py").write_text("revision = 1\nname = 'x'\n")
    (tmp_path / "wsgi.py").write_text("from app import app\n")

    code, _, err = dbkit_review(capsys, str(tmp_path), "--no-squawk")

    assert code == 2
    assert "error: no revision found in " + str(tmp_path) in err
    assert "Traceback" not in err


def test_a_plugin_s_own_folder_of_revisions_beside_the_ini_chain_is_a_chain_of_its_own(
        capsys):
    """CTFd's plugins keep their revisions in CTFd/plugins/<name>/migrations/ (no ini, no
    env.py; the application's plugin loader runs them with their own version table). From the
    repository root each such folder is a chain of its own, reviewed and named, beside the one
    alembic.ini names; a file that only writes a revision from a template is none."""
    root = CORPUS / "data-dropped" / "plugin_chains"

    chains = collect_named(str(root))

    assert [(name.replace("\\", "/").rsplit("plugin_chains/", 1)[-1], len(revs))
            for name, revs, _ in chains] == [("migrations", 1),
                                              ("app/plugins/badges/migrations", 2)]
    assert main([str(root), "--no-squawk", "--format", "json"]) == 1
    found = {(item["file"].rsplit("plugin_chains/", 1)[-1], item["line"], item["rule"])
             for item in json.loads(capsys.readouterr().out) if item["severity"] == "error"}
    assert found == {("app/plugins/badges/migrations/b002_drop_colour.py", 9, "data-dropped")}


def test_a_location_named_from_the_root_is_the_repository_s_not_the_working_folder_s(
        tmp_path, monkeypatch, capsys):
    """Flask-Migrate's migrations/alembic.ini says script_location = migrations (from the
    repository root, where `flask db` runs). Reviewed from a folder with a `migrations` of its
    own (an instructor's checkout of this project), the repository's chain is the one read."""
    repo = tmp_path / "learner"
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(RENAME, repo / "migrations" / "versions")
    (repo / "migrations" / "env.py").write_text("target_metadata = None\n")
    (repo / "migrations" / "alembic.ini").write_text("[alembic]\nscript_location = migrations\n")
    elsewhere = tmp_path / "instructor"
    (elsewhere / "migrations" / "versions").mkdir(parents=True)
    monkeypatch.chdir(elsewhere)

    assert main([str(repo), "--no-squawk", "--format", "json"]) == 1
    files = {item["file"] for item in json.loads(capsys.readouterr().out)}
    assert files == {str(repo / "migrations" / "versions" / "0002_rename_chatname.py")}


def test_a_folder_of_revisions_inside_the_ini_s_folder_that_no_configuration_names_is_left_out(
        capsys, caplog):
    """qontinui-web: backend/alembic.ini names alembic/, yet revision files also sit in
    backend/backup_migrations/ and backend/alembic/_staged/. Inside the ini's folder or the
    scripts folder and named by no configuration, Alembic never reads them: left out, each
    said once. A folder of revisions outside the ini's folder (a plugin's) is still a chain."""
    root = CORPUS / "broken-chain" / "folder_beside_the_configured_chain_is_never_read"

    chains = collect_named(str(root))

    assert [(name.replace("\\", "/").rsplit("never_read/", 1)[-1], len(revs))
            for name, revs, _ in chains] == [("backend/alembic.ini", 2),
                                              ("plugins/badges/migrations", 2)]
    left_out = [r.getMessage() for r in caplog.records if "not reviewed" in r.getMessage()]
    assert len(left_out) == 2
    assert any("backup_migrations" in m for m in left_out)
    assert any("_staged" in m for m in left_out)
    assert main([str(root), "--no-squawk", "--format", "json"]) == 1
    found = {(item["file"].replace("\\", "/").rsplit("never_read/", 1)[-1], item["rule"])
             for item in json.loads(capsys.readouterr().out) if item["severity"] == "error"}
    assert found == {("backend/alembic/versions/0002_drop_chatname.py", "data-dropped"),
                     ("plugins/badges/migrations/b002_drop_colour.py", "data-dropped")}
