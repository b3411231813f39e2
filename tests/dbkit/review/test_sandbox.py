"""The reviewer renders learners' revisions in the sandbox, never in our own process or as us."""

from __future__ import annotations

import json
import os
import re
import tempfile
import textwrap
from pathlib import Path

import pytest

from dbkit import sandbox
from dbkit.jobs import render as jobs_render
from dbkit.review import render

pytestmark = pytest.mark.bubblewrap

HEADER = ('import os, sys, json\nimport sqlalchemy as sa\nfrom alembic import op\n'
          'revision = "{rev}"\ndown_revision = {down}\n')

PROBE = '''
def upgrade():
    report = {{"uid": os.getuid(), "euid": os.geteuid(), "cwd": os.getcwd(),
              "home": os.environ.get("HOME"), "secret": os.environ.get("DBKIT_FAKE_SECRET"),
              "database_url": os.environ.get("DATABASE_URL"),
              "pg": sorted(k for k in os.environ if k.startswith("PG")), "path": sys.path}}
    try:
        report["private"] = open({private!r}).read()
    except OSError as exc:
        report["private"] = type(exc).__name__
    try:
        with open(os.path.join({home!r}, "pwned-open"), "w") as f:
            f.write("x")
        report["wrote"] = True
    except OSError as exc:
        report["wrote"] = type(exc).__name__
    report["system"] = os.system("touch " + os.path.join({home!r}, "pwned-system") + " 2>/dev/null")
    try:
        import models  # the reviewed repository's own models.py, beside the migrations
        report["models"] = True
    except ImportError:
        report["models"] = False
    op.execute(sa.text("SELECT :report").bindparams(report=json.dumps(report)))
    op.add_column("recruits", sa.Column("note", sa.Text))


def downgrade():
    op.drop_column("recruits", "note")
'''


def owner_gone_or_alive_other(folder: Path) -> bool:
    """A sandbox folder left by someone else (another test run at once), not by us."""
    try:
        return int((folder / "owner").read_text().split()[0]) != os.getpid()
    except (OSError, ValueError, IndexError):
        return True


def write(folder: Path, name: str, body: str, rev: str, down: str | None = None) -> Path:
    path = folder / name
    path.write_text(HEADER.format(rev=rev, down=repr(down)) + textwrap.dedent(body))
    return path


@pytest.fixture
def victim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """A user's home and a learner's repository (models.py, env.py) that only we may write."""
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    private = home / ".secret"
    private.write_text("top-secret-file-content")
    private.chmod(0o600)
    repo = tmp_path / "repo"
    versions = repo / "migrations" / "versions"
    versions.mkdir(parents=True)
    (repo / "models.py").write_text("raise SystemExit('models.py ran')\n")
    (repo / "migrations" / "env.py").write_text("raise SystemExit('env.py ran')\n")
    monkeypatch.setenv("DBKIT_FAKE_SECRET", "fake-secret-4242")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:fake-password-4242@127.0.0.1:1/x")
    monkeypatch.setenv("PGPASSWORD", "fake-password-4242")
    monkeypatch.syspath_prepend(str(repo))
    return {"home": home, "private": private, "repo": repo, "versions": versions}


def test_a_hostile_revision_reaches_neither_the_users_files_nor_secrets(victim: dict) -> None:
    path = write(victim["versions"], "0001_probe.py",
                 PROBE.format(private=str(victim["private"]), home=str(victim["home"])), "0001")

    sql, origins = render.render_upgrade(path)

    report = json.loads(re.search(r"SELECT '(.*)'", sql)[1].replace("''", "'"))
    assert "fake-secret-4242" not in sql and "fake-password-4242" not in sql
    assert report["secret"] is None and report["database_url"] is None and report["pg"] == []
    # not even there: the sandbox sees none of the user's folders
    assert report["private"] == "FileNotFoundError" or not sandbox.available()
    assert "top-secret-file-content" not in sql or os.geteuid() != 0
    assert report["models"] is False
    assert not any(str(victim["repo"]) in entry for entry in report["path"])
    assert report["home"] == report["cwd"] and not report["cwd"].startswith(str(victim["home"]))
    if os.geteuid() == 0:
        identity = sandbox.sandbox_identity()
        assert report["uid"] == report["euid"] == identity.uid != 0
        assert report["wrote"] in ("PermissionError", "FileNotFoundError")
        assert report["system"] != 0
        assert not (victim["home"] / "pwned-open").exists()
        assert not (victim["home"] / "pwned-system").exists()
    assert 'ALTER TABLE recruits ADD COLUMN note TEXT' in sql
    assert report["cwd"] == "/tmp"  # its own private /tmp
    assert not list(Path(tempfile.gettempdir()).glob("dbkit-sandbox-*/owner")) or all(
        owner_gone_or_alive_other(p.parent) for p in Path(tempfile.gettempdir()).glob(
            "dbkit-sandbox-*/owner"))  # ours is gone afterwards
    assert origins


@pytest.mark.slow
def test_a_revision_that_hangs_exits_or_fails_is_not_rendered_and_the_others_are(tmp_path: Path) -> None:
    good = 'def upgrade():\n    op.add_column("t", sa.Column("c", sa.Integer))\n'
    paths = [
        write(tmp_path, "1_loops.py", "def upgrade():\n    while True:\n        pass\n", "1"),
        write(tmp_path, "2_good.py", good, "2", "1"),
        write(tmp_path, "3_exits.py", "def upgrade():\n    os._exit(3)\n", "3", "2"),
        write(tmp_path, "4_sys_exit.py", "def upgrade():\n    sys.exit('bye')\n", "4", "3"),
        write(tmp_path, "5_prints.py", "print('{\"index\": 4}')\n" + good, "5", "4"),
        write(tmp_path, "6_param.py", 'def upgrade():\n    op.execute(sa.text("UPDATE t SET c = :v")'
                                      '.bindparams(v="x"))\n', "6", "5"),
    ]
    results = render.render_upgrades(paths, timeout_s=1.5)

    assert isinstance(results[paths[0]], render.NotRendered)
    assert "timed out after 1.5 s" in results[paths[0]].reason
    assert "ADD COLUMN c INTEGER" in results[paths[1]].sql
    assert "exited with code 3" in results[paths[2]].reason
    assert results[paths[3]].reason == "SystemExit: bye"
    assert "ADD COLUMN c INTEGER" in results[paths[4]].sql
    assert "UPDATE t SET c = 'x'" in results[paths[5]].sql and "%(" not in results[paths[5]].sql
    # no stall: the hang timed out and every revision after it still rendered (how long that
    # takes is the benchmark's to measure, not a test's)


@pytest.mark.slow
def test_the_review_as_a_whole_has_a_time_limit(tmp_path: Path) -> None:
    loop = "def upgrade():\n    while True:\n        pass\n"
    paths = [write(tmp_path, f"{i}_loops.py", loop, str(i)) for i in range(3)]

    results = render.render_upgrades(paths, timeout_s=1, total_timeout_s=2.5)

    assert all(isinstance(results[p], render.NotRendered) for p in paths)
    assert "timed out after 1 s" in results[paths[0]].reason \
        or "time limit of 2.5 s" in results[paths[0]].reason
    assert "time limit of 2.5 s" in results[paths[2]].reason


@pytest.mark.slow
def test_the_review_finishes_with_a_not_rendered_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture) -> None:
    from dbkit.cli import review

    monkeypatch.setattr(render, "REVISION_TIMEOUT_S", 1.0)
    monkeypatch.setattr(render.render_upgrade, "__defaults__", (1.0,))
    write(tmp_path, "0001_loops.py", "def upgrade():\n    while True:\n        pass\n\n"
                                     "def downgrade():\n    pass\n", "0001")

    code = review.main([str(tmp_path), "--format", "json"])

    findings = json.loads(capsys.readouterr().out)
    warning = next(f for f in findings if f["rule"] == "not-rendered")
    assert "timed out after 1 s" in warning["message"]
    assert code == 0


def test_the_benign_chain_of_this_project_renders_as_it_did_in_process() -> None:
    """Our own chain (trusted) rendered the old way, in this process, and in the sandbox."""
    versions = Path(__file__).resolve().parents[3] / "migrations" / "versions"
    paths = sorted(versions.glob("0*.py"))

    results = render.render_upgrades(paths)

    for path in paths:
        sql, origins = jobs_render._render(path)
        assert (results[path].sql, results[path].origins) == (sql, origins)
    assert "personal_email_address VARCHAR(254)" in results[paths[1]].sql
    assert all("%(" not in r.sql for r in results.values())


def test_without_root_it_still_runs_apart_in_an_empty_folder_as_the_current_user(
        victim: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "sandbox_identity", lambda: None)
    path = write(victim["versions"], "0001_probe.py",
                 PROBE.format(private=str(victim["private"]), home=str(victim["home"])), "0001")

    result = render.render_upgrades([path])[path]

    report = json.loads(re.search(r"SELECT '(.*)'", result.sql)[1].replace("''", "'"))
    assert report["uid"] == os.getuid()
    assert report["secret"] is None and report["pg"] == [] and report["models"] is False
    assert report["home"] == report["cwd"] and list(Path(victim["home"]).iterdir()) != []
    assert "the current user" in sandbox.runs_as()
