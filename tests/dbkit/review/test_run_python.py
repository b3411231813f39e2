"""``review --run --python PATH``: the project's own interpreter, its environment read-only in
the sandbox, so that revisions importing the application run; what cannot run is "not run".

The "application" is a tiny pure-Python package (``recruiting_app``) that the revisions of
``run_corpus/needs_the_app`` import. The test makes a throwaway virtualenv for it (``python
-m venv --without-pip``): a ``.pth`` file puts the package's folder and our own site-packages
(SQLAlchemy, Alembic, psycopg2: what any Alembic project's environment has) on its path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

from dbkit import sandbox
from dbkit.cli import review_run
from dbkit.errors import DbkitError
from dbkit.review import render
from dbkit.review.run import NOT_RUN, OK, check_python, run_chain

pytestmark = pytest.mark.bubblewrap

CORPUS = Path(__file__).parent / "run_corpus"
DEFAULT_COHORT = "2026-spring"


def readable(folder: Path) -> None:
    """The sandbox's user must read (and walk) what it is given, as with any real venv."""
    for root, _, files in os.walk(folder):
        Path(root).chmod(0o755)
        for name in files:
            path = Path(root, name)
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | 0o444)


def make_venv(top: Path, pth: list[Path]) -> Path:
    """bin/python of a virtualenv at top/venv whose .pth file names the folders ``pth``."""
    venv = top / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; "
                           "print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "app.pth").write_text("".join(f"{folder}\n" for folder in pth))
    return python


@pytest.fixture(scope="module")
def app_python():
    """bin/python of a throwaway virtualenv with the application installed (by a .pth)."""
    top = Path(tempfile.mkdtemp(prefix="dbkit-test-app-"))
    try:
        source = top / "src" / "recruiting_app"
        source.mkdir(parents=True)
        (source / "__init__.py").write_text('"""A tiny application the revisions import."""\n')
        (source / "settings.py").write_text(f'DEFAULT_COHORT = "{DEFAULT_COHORT}"\n')
        (source / "models.py").write_text(
            "import sqlalchemy as sa\n\nmetadata = sa.MetaData()\n"
            'recruits = sa.Table("recruits", metadata, sa.Column("id", sa.Integer, '
            'primary_key=True),\n                    sa.Column("full_name", sa.String(100), '
            "nullable=False))\n")
        python = make_venv(top, [top / "src", Path(sysconfig.get_paths()["purelib"])])
        readable(top)
        yield python
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_without_python_a_revision_importing_the_app_is_not_run_and_says_why(pg_server) -> None:
    run = run_chain(CORPUS / "needs_the_app", pg_server, downgrades=False)

    assert [s.upgrade for s in run.steps] == [OK, NOT_RUN]
    assert run.steps[1].error == ("not run, because recruiting_app is missing where it ran: "
                                  "try --python PATH, the project's own interpreter")
    summary = review_run.ran_summary([s.as_json() for s in run.steps])
    assert summary == ("ran 1 of 2 revisions; 1 not run, because recruiting_app is missing "
                       "where it ran: try --python PATH, the project's own interpreter")


def test_with_the_projects_python_the_revision_importing_the_app_runs(pg_server,
                                                                       app_python) -> None:
    python = check_python(app_python)
    run = run_chain(CORPUS / "needs_the_app", pg_server, python=python)

    assert [s.upgrade for s in run.steps] == [OK, OK], [s.error for s in run.steps]
    assert python.driver == "psycopg2"
    assert run.steps[1].rows_before == {"recruits": 12}
    assert [s.downgrade for s in run.steps] == ["gives-values-back", "gives-values-back"]
    assert review_run.ran_summary([s.as_json() for s in run.steps]) == "ran 2 of 2 revisions"


def test_with_the_projects_python_the_revision_importing_the_app_renders(app_python) -> None:
    revision = CORPUS / "needs_the_app" / "0002_defaults.py"
    without = render.render_upgrades([revision])[revision]
    render.use_python(check_python(app_python, driver=False).path)
    try:
        rendered = render.render_upgrades([revision])[revision]
    finally:
        render.use_python(None)

    assert isinstance(without, render.NotRendered)
    assert "No module named 'recruiting_app'" in without.reason
    assert not isinstance(rendered, render.NotRendered), rendered
    assert f"DEFAULT '{DEFAULT_COHORT}'" in rendered.sql


def fake_python(folder: Path, script: str) -> Path:
    """An executable named python that is not the Python we need (in a folder it may read)."""
    (folder / "bin").mkdir(parents=True)
    python = folder / "bin" / "python"
    python.write_text(script)
    python.chmod(0o755)
    readable(folder)
    return python


@pytest.fixture
def world_readable_tmp():
    top = Path(tempfile.mkdtemp(prefix="dbkit-test-python-"))
    top.chmod(0o755)
    yield top
    shutil.rmtree(top, ignore_errors=True)


@pytest.mark.parametrize("case, message", [
    ("missing", "error: --python {path}: no such file"),
    ("not-executable", "error: --python {path} is not an executable file"),
    ("not-python", "error: --python {path} is not a Python interpreter (it did not answer "
                   "`-c CODE` as one: exit code 3)"),
    ("too-old", "error: --python {path} is Python 3.8.10: too old to run the reviewer's worker "
                "(it needs 3.11 or newer)"),
    ("no-alembic", "error: --python {path} (Python 3.12.1) cannot import alembic: give the "
                   "interpreter of the environment the project's migrations run in"),
])
def test_a_bad_python_is_one_line_exit_2_and_nothing_runs(case, message, world_readable_tmp,
                                                          monkeypatch, capsys) -> None:
    folder = world_readable_tmp
    answer = {"too-old": '{"dbkit-python": [3, 8, 10], "found": {"sqlalchemy": true, '
                         '"alembic": true, "psycopg2": true}}',
              "no-alembic": '{"dbkit-python": [3, 12, 1], "found": {"sqlalchemy": true, '
                            '"alembic": false, "psycopg2": true}}'}
    if case == "missing":
        path = folder / "bin" / "python"
    elif case == "not-executable":
        path = fake_python(folder, "#!/bin/sh\nexit 0\n")
        path.chmod(0o644)
    elif case == "not-python":
        path = fake_python(folder, "#!/bin/sh\necho 'usage: not a python' >&2\nexit 3\n")
    else:
        path = fake_python(folder, f"#!/bin/sh\necho '{answer[case]}'\n")
    started = []
    monkeypatch.setattr("dbkit.pg.server.throwaway_server",
                        lambda *a, **k: started.append(1))  # a spy: it must never be called

    code = review_run.main([str(CORPUS / "needs_the_app"), "--run", "--python", str(path)])

    out, err = capsys.readouterr()
    assert code == 2
    assert err.strip() == message.format(path=path)
    assert out == "" and started == []  # no server made, no revision run


def test_the_environments_pth_folders_are_mounted_with_it(app_python) -> None:
    """A package installed by a .pth (pip install -e, or by hand) is seen in the sandbox."""
    result = sandbox.run("import recruiting_app.settings as s; print(s.DEFAULT_COHORT)",
                         python=app_python)

    assert result.returncode == 0, result.stderr_tail
    assert result.answer.strip() == DEFAULT_COHORT


def test_the_models_create_all_gives_the_chain_its_starting_tables(pg_server, app_python) -> None:
    """``--schema app.models:metadata``: the tables the application makes, made in the sandbox."""
    run = run_chain(CORPUS / "outside_the_chain", pg_server, python=check_python(app_python),
                    schema="recruiting_app.models:metadata")

    assert run.steps[0].upgrade == OK, run.steps[0].error
    assert run.steps[0].rows_before == {"recruits": 12}
    assert run.steps[0].downgrade == "gives-values-back"


def test_a_models_target_that_is_not_a_metadata_is_one_line(pg_server, app_python) -> None:
    with pytest.raises(DbkitError) as caught:
        run_chain(CORPUS / "outside_the_chain", pg_server, python=check_python(app_python),
                  schema="recruiting_app.settings:DEFAULT_COHORT")

    assert str(caught.value) == (
        "--schema recruiting_app.settings:DEFAULT_COHORT: the models' create_all did not run: "
        "TypeError: recruiting_app.settings:DEFAULT_COHORT is not a MetaData (nor has a .metadata)")


@pytest.mark.slow
def test_an_application_beside_the_ini_is_found_through_prepend_sys_path(pg_server) -> None:
    """Not installed: ``prepend_sys_path = src`` in alembic.ini, as Alembic reads it."""
    top = Path(tempfile.mkdtemp(prefix="dbkit-test-project-"))
    try:
        app = top / "project" / "src" / "recruiting_app"
        app.mkdir(parents=True)
        (app / "__init__.py").write_text("")
        (app / "settings.py").write_text(f'DEFAULT_COHORT = "{DEFAULT_COHORT}"\n')
        (top / "project" / "alembic.ini").write_text(
            "[alembic]\nscript_location = migrations\nprepend_sys_path = src\n")
        shutil.copytree(CORPUS / "needs_the_app", top / "project" / "migrations" / "versions")
        (top / "project" / "migrations" / "env.py").write_text("")
        python = make_venv(top, [Path(sysconfig.get_paths()["purelib"])])  # no application
        readable(top)
        alone = sandbox.run("import recruiting_app", python=python)

        run = run_chain(top / "project", pg_server, python=check_python(python),
                        downgrades=False)
    finally:
        shutil.rmtree(top, ignore_errors=True)

    assert alone.returncode != 0 and "No module named 'recruiting_app'" in alone.stderr_tail
    assert [s.upgrade for s in run.steps] == [OK, OK], [s.error for s in run.steps]
