"""``sandbox.run``: one program (a grader's test run) in the sandbox, its answer on stdout."""

from __future__ import annotations

import json
import os
import secrets
import sys
import textwrap
from pathlib import Path

import pytest
from test_attacks import running

from dbkit import sandbox

pytestmark = pytest.mark.bubblewrap


def test_python_code_answers_on_stdout_as_the_sandbox_user_in_its_own_tmp() -> None:
    result = sandbox.run("import os, json; print(json.dumps({'uid': os.getuid(), "
                         "'cwd': os.getcwd(), 'home': os.environ['HOME'], "
                         "'env': sorted(os.environ)}))")

    answer = json.loads(result.answer)
    assert result.returncode == 0 and not result.timed_out
    assert answer["cwd"] == answer["home"] == "/tmp"
    assert not any(k.startswith("PG") or k == "DATABASE_URL" for k in answer["env"])
    if os.geteuid() == 0:
        assert answer["uid"] == sandbox.sandbox_identity().uid != 0


@pytest.mark.attacks
def test_a_program_over_its_time_is_killed_with_everything_it_started() -> None:
    marker = f"{secrets.randbelow(10**6) + 10**6}.5"
    code = textwrap.dedent(f"""
        import os, time
        if os.fork() == 0:
            os.setsid()
            os.execv("/bin/sleep", ["sleep", "{marker}"])
        time.sleep(60)
    """)

    result = sandbox.run(code, limits=sandbox.Limits(seconds=2))

    assert result.timed_out and result.returncode is None
    assert running(marker) == []


def test_memory_and_file_size_are_limited_and_mounts_are_read_only(tmp_path: Path) -> None:
    given = tmp_path / "repo"
    given.mkdir()
    (given / "answer.txt").write_text("42\n")
    code = textwrap.dedent(f"""
        import json
        out = {{"read": open("{given}/answer.txt").read().strip()}}
        try:
            open("{given}/new.txt", "w")
            out["write"] = "written"
        except OSError as exc:
            out["write"] = type(exc).__name__
        try:
            x = bytearray(2 << 30)
            out["memory"] = "allocated"
        except MemoryError:
            out["memory"] = "MemoryError"
        try:
            with open("/tmp/big", "wb") as f:
                f.write(b"x" * (2 << 20))
            out["file"] = "written"
        except OSError as exc:
            out["file"] = type(exc).__name__
        print(json.dumps(out))
    """)

    result = sandbox.run(code, mounts_ro=[given], workdir=given,
                         limits=sandbox.Limits(memory=512 << 20, file_size=1 << 20))

    answer = json.loads(result.answer)
    assert answer == {"read": "42", "write": "OSError", "memory": "MemoryError",
                      "file": "OSError"} or answer["write"] in ("PermissionError", "OSError")
    assert answer["memory"] == "MemoryError" and answer["file"] != "written"
    assert not (given / "new.txt").exists()


def test_the_throwaway_servers_socket_is_the_only_way_to_a_database(pg_server) -> None:
    code = textwrap.dedent(f"""
        import json, psycopg2
        out = {{}}
        for name, host in (("socket", "{sandbox.SOCKET_INSIDE}"), ("tcp", "127.0.0.1")):
            try:
                psycopg2.connect(host=host, port={pg_server.port}, user="{pg_server.user}",
                                 password="{pg_server.password}", dbname="postgres",
                                 connect_timeout=3).close()
                out[name] = "connected"
            except psycopg2.OperationalError as exc:
                out[name] = str(exc).splitlines()[0]
        print(json.dumps(out))
    """)

    result = sandbox.run(code, network=pg_server.socket_dir)
    alone = sandbox.run(code)

    assert json.loads(result.answer)["socket"] == "connected"
    assert json.loads(result.answer)["tcp"] != "connected"
    assert json.loads(alone.answer)["socket"] != "connected"


def test_a_mount_that_is_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to("/etc")

    with pytest.raises(sandbox.DbkitError, match="symbolic link"):
        sandbox.run(["true"], mounts_ro=[tmp_path / "link"])


def test_a_session_runs_with_the_interpreter_it_is_given(tmp_path: Path) -> None:
    """``review --run --python``: the learner's environment, mounted read-only."""
    revision = tmp_path / "0001_add.py"
    revision.write_text('import sys, json\nimport sqlalchemy as sa\nfrom alembic import op\n'
                        'revision = "0001"\ndown_revision = None\n\n'
                        'def upgrade():\n'
                        '    op.execute(sa.text("SELECT :p").bindparams(p=sys.prefix))\n')
    python = Path(sys.prefix) / "bin" / "python"  # the virtualenv's, not the resolved one

    with sandbox.Session("dbkit.review.render", [revision], total_timeout_s=60,
                         python=python) as session:
        outcome = session.call({"file": 0}, 30)

    assert not isinstance(outcome, sandbox.Failed), outcome
    assert f"SELECT '{sys.prefix}'" in outcome["sql"]


def test_a_sandbox_that_cannot_start_says_so_not_that_time_ran_out(tmp_path: Path) -> None:
    """(make mutate) an interpreter that exits at once: the job's outcome is that the sandbox
    did not start, with its exit code, well within the review's limit."""
    revision = tmp_path / "0001_add.py"
    revision.write_text('revision = "0001"\ndown_revision = None\n\ndef upgrade():\n    pass\n')

    with sandbox.Session("dbkit.review.render", [revision], total_timeout_s=60,
                         python="/bin/false") as session:
        outcome = session.call({"file": 0}, 30)

    assert isinstance(outcome, sandbox.Failed)
    assert outcome.reason.startswith("the sandbox did not start (the sandbox exited with code"), \
        outcome.reason


def test_the_process_and_cpu_limits_reach_the_code() -> None:
    """(make mutate) a fork bomb stops at ``processes`` (when we are root: as another user,
    RLIMIT_NPROC would count all of that user's processes, so it is left unset), a busy loop
    at the wall-clock limit in CPU seconds (plus two)."""
    code = ("import json, resource\nprint(json.dumps([resource.getrlimit(resource.RLIMIT_NPROC),"
            " resource.getrlimit(resource.RLIMIT_CPU)]))\n")

    result = sandbox.run(code, limits=sandbox.Limits(processes=16, seconds=5))

    nproc, cpu = json.loads(result.answer)
    assert cpu == [7, 7]
    if os.geteuid() == 0:
        assert nproc == [16, 16]
