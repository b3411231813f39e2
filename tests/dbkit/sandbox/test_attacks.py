"""A hostile learner's repository, one attack each, on real processes and a real server.

Each test asserts that the attack is refused or contained, what the user sees, and that
nothing is left running or lying around. The heavier ones (those that start ``python -m
dbkit`` or a server of their own: a SIGKILLed ``review --run``, a 1 MB revision, a class
page, odd names in every format, deep nesting) are marked ``attacks``: ``make attacks``
runs them (and CI); ``make test`` the others.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import psycopg2
import pytest
from support.commands import PROJECT_ROOT
from support.waiting import wait_for

from dbkit import sandbox
from dbkit.pg.server import reclaim_throwaway_servers
from dbkit.review import render
from dbkit.review.run import FAILED, OK, run_chain

pytestmark = pytest.mark.bubblewrap

HEADER = ('import os, sys, json, time, socket\nimport sqlalchemy as sa\nfrom alembic import op\n'
          'revision = "{rev}"\ndown_revision = {down}\n')
GOOD = '''
def upgrade():
    op.add_column("recruits", sa.Column("c{rev}", sa.Integer))


def downgrade():
    op.drop_column("recruits", "c{rev}")
'''
CREATE = '''
def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text))


def downgrade():
    op.drop_table("recruits")
'''


def write(folder: Path, name: str, body: str, rev: str, down: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEADER.format(rev=rev, down=repr(down))
                    + textwrap.dedent(body).replace("{rev}", rev))
    return path


def reported(sql: str) -> dict:
    """What a probe revision reported about its world, through the SQL it rendered."""
    return json.loads(re.search(r"SELECT '(.*)'", sql)[1].replace("''", "'"))


REPORT = '    op.execute(sa.text("SELECT :r").bindparams(r=json.dumps(report)))\n'


def running(marker: str) -> list[int]:
    """Processes on this machine whose command line holds ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def dbkit(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in (env or os.environ).items() if k not in ("ENV", "DATABASE_URL")}
    return subprocess.run([sys.executable, "-m", "dbkit", *argv], cwd=PROJECT_ROOT, env=environ,
                          capture_output=True, text=True, timeout=300)


# --- what the revision may see and reach ---------------------------------------------------------

def test_a_revision_that_links_to_a_secret_is_a_finding_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "pgdata" / "prod" / "admin-password"
    secret.parent.mkdir(parents=True)
    secret.write_text("admin-secret-7f3a9c\n")
    secret.chmod(0o600)
    versions = tmp_path / "repo" / "migrations" / "versions"
    write(versions, "0001_create.py", CREATE, "0001")
    (versions / "0002_link.py").symlink_to(secret)
    (versions / "0003_hard.py").hardlink_to(write(tmp_path, "elsewhere.py", GOOD, "0003", "0001"))
    os.mkfifo(versions / "0004_fifo.py")  # reading it would wait forever

    result = dbkit("review", str(versions), "--format", "json")

    findings = json.loads(result.stdout)
    not_read = {Path(f["file"]).name: f["message"] for f in findings
                if f["rule"] == "file-not-read"}
    assert set(not_read) == {"0002_link.py", "0003_hard.py", "0004_fifo.py"}
    assert "symbolic link" in not_read["0002_link.py"] and "hard links" in not_read["0003_hard.py"]
    assert "not a regular file" in not_read["0004_fifo.py"]
    assert "admin-secret-7f3a9c" not in result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in result.stderr
    # and the sandbox will not copy it either, whoever asks
    with sandbox.Session("dbkit.review.render", total_timeout_s=60) as session:
        index = session.add_files([versions / "0002_link.py"])[0]
        outcome = session.call({"file": index}, 10)
    assert isinstance(outcome, sandbox.Failed) and "symbolic link" in outcome.reason


def test_a_revision_sees_none_of_the_users_files_and_leaves_none_in_tmp(tmp_path: Path) -> None:
    token = secrets.token_hex(6)
    probe = f'''
def upgrade():
    report = {{"seen": [p for p in ("{PROJECT_ROOT}/.env.prod", "{PROJECT_ROOT}/.env.dev",
                                    "{PROJECT_ROOT}/.pgdata", "{PROJECT_ROOT}/models.py",
                                    "/etc/shadow", "/root/.pgpass", "/var/tmp")
                         if os.path.exists(p)], "written": []}}
    for name in ("/var/tmp/x-{token}", "/root/x-{token}", "/usr/x-{token}", "/x-{token}"):
        try:
            with open(name, "w") as f:
                f.write("x")
            report["written"].append(name)
        except OSError:
            pass
    for name in ("/tmp/attack-{token}", "/dev/shm/attack-{token}"):
        with open(name, "w") as f:
            f.write("left behind")
    os.makedirs("/tmp/deep-{token}/er", mode=0o700)
    open("/tmp/deep-{token}/er/file", "w").close()
    report["tmp"] = sorted(os.listdir("/tmp"))
    report["etc"] = sorted(os.listdir("/etc"))
{REPORT}'''
    first = write(tmp_path / "v", "0001_probe.py", probe, "0001")
    second = write(tmp_path / "v", "0002_probe.py", probe.replace("attack-", "again-"), "0002",
                   "0001")

    results = render.render_upgrades([first, second])

    one, two = reported(results[first].sql), reported(results[second].sql)
    assert one["seen"] == [] and one["written"] == []
    assert set(one["etc"]) <= {"alternatives", "group", "ld.so.cache", "localtime", "passwd"}
    # A checkout or a Python under /tmp is mounted read-only at its own path: its top folder
    # shows in the sandbox's /tmp as a mount point, not as a file anyone left there.
    mounted = {Path(p).resolve().relative_to("/tmp").parts[0]
               for p in (PROJECT_ROOT, sys.prefix, sys.base_prefix)
               if Path(p).resolve().is_relative_to("/tmp")}
    left = [name for name in two["tmp"] if name not in mounted]
    assert left == [f"again-{token}", f"deep-{token}"]  # the first one's file was gone before its turn
    assert not list(Path("/tmp").glob(f"*-{token}")) and not list(Path("/dev/shm").glob(f"*-{token}"))
    assert not Path(f"/var/tmp/x-{token}").exists()


def test_a_revision_cannot_reach_a_real_server_on_127_0_0_1(tmp_path: Path, pg_server) -> None:
    table = f"pwned_{secrets.token_hex(4)}"
    attack = f'''
def upgrade():
    import psycopg2
    conn = psycopg2.connect(host="127.0.0.1", port={pg_server.port}, user="{pg_server.user}",
                            password="{pg_server.password}", dbname="postgres", connect_timeout=3)
    conn.autocommit = True
    conn.cursor().execute("CREATE TABLE {table} (x int)")
'''
    path = write(tmp_path / "v", "0001_reach.py", attack, "0001")

    result = render.render_upgrades([path])[path]

    assert isinstance(result, render.NotRendered)
    assert "OperationalError" in result.reason and pg_server.password not in result.reason
    # and with --run, where the throwaway server's socket is there, 127.0.0.1 is still not
    chain = tmp_path / "chain"
    write(chain, "0001_create.py", CREATE, "0001")
    write(chain, "0002_reach.py", attack, "0002", "0001")
    run = run_chain(chain, pg_server, downgrades=False)
    assert run.steps[0].upgrade == OK and run.steps[1].upgrade == FAILED
    assert pg_server.password not in (run.steps[1].error or "")
    with psycopg2.connect(host="127.0.0.1", port=pg_server.port, user=pg_server.user,
                          password=pg_server.password, dbname="postgres") as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_class WHERE relname = %s", (table,))
        assert cur.fetchone()[0] == 0


@pytest.mark.attacks
def test_a_daemon_a_revision_starts_dies_with_it(tmp_path: Path, pg_server) -> None:
    marker = f"{secrets.randbelow(10**6) + 10**6}.25"
    daemon = f'''
def upgrade():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv("/bin/sleep", ["sleep", "{marker}"])
        os._exit(0)
    time.sleep(0.5)
    op.add_column("recruits", sa.Column("c{{rev}}", sa.Integer))
'''
    path = write(tmp_path / "v", "0001_daemon.py", daemon, "0001")

    result = render.render_upgrades([path])[path]
    assert isinstance(result, render.Rendered)
    assert running(marker) == []
    chain = tmp_path / "chain"
    write(chain, "0001_create.py", CREATE, "0001")
    write(chain, "0002_daemon.py", daemon, "0002", "0001")
    run = run_chain(chain, pg_server, downgrades=False)
    assert run.steps[1].upgrade == OK
    assert running(marker) == []


@pytest.mark.attacks
def test_a_fork_bomb_stops_at_the_process_limit_and_leaves_nothing(tmp_path: Path) -> None:
    marker = f"{secrets.randbelow(10**6) + 10**6}.125"
    bomb = write(tmp_path, "0001_bomb.py", f'''
def upgrade():
    started = 0
    for _ in range(500):
        try:
            if os.fork() == 0:
                os.execv("/bin/sleep", ["sleep", "{marker}"])
            started += 1
        except OSError:
            break
    report = {{"started": started}}
{REPORT}''', "0001")
    good = write(tmp_path, "0002_good.py", GOOD, "0002", "0001")

    results = render.render_upgrades([bomb, good])

    if os.geteuid() == 0:  # RLIMIT_NPROC counts the sandbox user's processes
        assert reported(results[bomb].sql)["started"] < sandbox.Limits().processes
    assert "ADD COLUMN c0002 INTEGER" in results[good].sql
    assert running(marker) == []


def test_allocating_2_gib_is_refused_and_the_next_revision_renders(tmp_path: Path) -> None:
    hog = write(tmp_path, "0001_hog.py", "def upgrade():\n    x = bytearray(2 << 30)\n", "0001")
    good = write(tmp_path, "0002_good.py", GOOD, "0002", "0001")

    results = render.render_upgrades([hog, good])

    assert isinstance(results[hog], render.NotRendered)
    assert "memory limit" in results[hog].reason
    assert "ADD COLUMN c0002 INTEGER" in results[good].sql


@pytest.mark.slow
def test_a_revision_cannot_write_another_revisions_answer(tmp_path: Path) -> None:
    forged = json.dumps({"ok": True, "outcome": {"sql": "FORGED", "origins": {}}})
    forger = f'''
FORGED = {forged!r} + "\\n"


def forge():
    for fd in range(0, 256):
        try:
            os.write(fd, FORGED.encode())
        except OSError:
            pass
    for path in ("/proc/1/fd/1", "/proc/1/fd/0", "/proc/self/fd/1"):
        try:
            with open(path, "w") as f:
                f.write(FORGED * 10)
        except OSError:
            pass


def upgrade():
    forge()
    if os.fork() == 0:  # and again while the next revision runs
        os.setsid()
        for _ in range(200):
            forge()
            time.sleep(0.01)
        os._exit(0)
    op.add_column("recruits", sa.Column("mine", sa.Integer))
'''
    first = write(tmp_path, "0001_forger.py", forger, "0001")
    second = write(tmp_path, "0002_good.py", GOOD, "0002", "0001")

    results = render.render_upgrades([first, second])

    # a job's answer is its own word (its SQL is its own anyway): it may lie about itself ...
    assert results[first].sql in ("FORGED", ) or "ADD COLUMN mine" in results[first].sql
    # ... never about another revision, during its turn or after
    assert "ADD COLUMN c0002 INTEGER" in results[second].sql
    assert "FORGED" not in results[second].sql


def test_secret_text_in_an_exception_is_masked(tmp_path: Path, pg_server) -> None:
    chain = tmp_path / "chain"
    write(chain, "0001_create.py", CREATE, "0001")
    write(chain, "0002_tell.py", '''
def upgrade():
    url = op.get_bind().engine.url.render_as_string(hide_password=False)
    raise RuntimeError("I was given " + url + " <script>alert(1)</script>")
''', "0002", "0001")

    run = run_chain(chain, pg_server, downgrades=False)

    error = run.steps[1].error or ""
    assert "I was given" in error and "***" in error
    assert not re.search(r"://[^:]+:[0-9a-f]{32}@", error)


@pytest.mark.attacks
def test_without_bubblewrap_the_review_says_how_to_install_it_in_one_line(tmp_path: Path) -> None:
    versions = tmp_path / "v"
    write(versions, "0001_create.py", CREATE, "0001")
    write(versions, "0002_drop.py", "def upgrade():\n    op.drop_column('recruits', 'name')\n",
          "0002", "0001")
    bin_folder = tmp_path / "bin"  # squawk, but no bwrap
    bin_folder.mkdir()
    squawk = Path(sys.executable).parent / "squawk"
    if squawk.is_file():
        (bin_folder / "squawk").symlink_to(squawk)
    environ = {**os.environ, "PATH": str(bin_folder)}

    static = dbkit("review", str(versions), env=environ)
    run = dbkit("review", "--run", str(versions), env=environ)
    unsafe = dbkit("review", str(versions), "--unsafe-no-sandbox", "--format", "json", env=environ)

    # the static review still stands; running their code is refused, in one line
    assert static.returncode == 1 and "data-dropped" in static.stdout
    assert static.stderr.count("\n") == 1 and "apt-get install bubblewrap" in static.stderr
    assert "not-rendered" not in static.stdout
    assert run.returncode == 2 and run.stderr.startswith("error: bubblewrap")
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert unsafe.returncode == 1 and unsafe.stderr == ""


# --- the reviewer's own process on hostile input -------------------------------------------------

@pytest.mark.attacks
@pytest.mark.parametrize("shape", ["x = " + "+".join(["1"] * 5000),
                                   "x = " + "not " * 3000 + "y",
                                   "x = f" + "()" * 3000,
                                   "x = " + "[" * 150 + "]" * 150,
                                   "x = " + "(" * 500 + ")" * 500,
                                   "def upgrade():\n" + "".join(
                                       " " * i + "if x:\n" for i in range(1, 120)) + " " * 120
                                   + "op.drop_table('t')\n"])
def test_deep_nesting_is_one_finding_never_a_traceback(tmp_path: Path, shape: str) -> None:
    versions = tmp_path / "v"
    write(versions, "0001_create.py", CREATE, "0001")
    write(versions, "0002_deep.py", shape + "\n", "0002", "0001")

    result = dbkit("review", str(versions), "--no-squawk")

    assert "Traceback" not in result.stderr and result.stderr == ""
    line = next(x for x in result.stdout.splitlines() if "0002_deep.py" in x or "error" in x)
    assert result.returncode == 1 and line
    assert re.search(r"(file-not-read|broken-chain): The file (is nested|cannot be read)",
                     result.stdout)


@pytest.mark.attacks
def test_file_names_of_any_bytes_and_newlines_are_shown_in_every_format(tmp_path: Path) -> None:
    versions = tmp_path / "v"
    write(versions, "0001_create.py", CREATE, "0001")
    odd = os.fsencode(versions) + b"/0002_caf\xe9\n::error file=x::forged.py"
    with open(odd, "w") as f:  # noqa: PTH123  (a name of bytes)
        f.write(HEADER.format(rev="0002", down="'0001'") + "def upgrade():\n"
                "    op.drop_column('recruits', 'name')\n\ndef downgrade():\n    pass\n")

    for fmt in ("text", "json", "sarif", "github"):
        result = dbkit("review", str(versions), "--no-squawk", "--format", fmt)
        assert result.returncode == 1 and "Traceback" not in result.stderr, (fmt, result.stderr)
        shown = result.stdout.replace("\\\\", "\\")
        assert ("0002_caf%E9" if fmt == "sarif" else "0002_caf\\xe9") in shown, fmt
        assert not any(line.startswith("::error file=x") for line in result.stdout.splitlines())


# --- heavy: make attacks -------------------------------------------------------------------------

@pytest.mark.attacks
def test_a_huge_revision_is_refused_and_a_big_one_reads_in_bounded_memory(tmp_path: Path) -> None:
    versions = tmp_path / "v"
    write(versions, "0001_create.py", CREATE, "0001")
    lines = [f'    op.add_column("recruits", sa.Column("c{i}", sa.Integer()))' for i in range(15500)]
    big = write(versions, "0002_big.py", "def upgrade():\n" + "\n".join(lines) + "\n", "0002",
                "0001")
    assert 900_000 < big.stat().st_size < 1024 * 1024
    huge = write(versions, "0003_huge.py", "def upgrade():\n" + "\n".join(lines * 3) + "\n",
                 "0003", "0002")

    # 1.5 GB of address space: the quadratic reader needed over 5 GB for this one
    limited = [sys.executable, "-c", "import resource, runpy, sys; "
               "resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20)); "
               "sys.argv = ['dbkit', 'review', '--no-squawk', sys.argv[1]]; "
               "runpy.run_module('dbkit', run_name='__main__')", str(versions)]
    result = subprocess.run(limited, cwd=PROJECT_ROOT, capture_output=True, text=True,
                            timeout=300)

    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr[-500:]
    assert re.search(f"{huge.name}\n     1  error    file-not-read: The file is [0-9.]+ MB, "
                     r"larger than the reviewer reads \(1 MB per revision\)\.", result.stdout)
    # read to the end: its one finding is the downgrade it lacks
    assert f"{big.name}\n     6  warning  missing-downgrade" in result.stdout


@pytest.mark.attacks
def test_a_script_in_an_exception_and_an_odd_name_reach_the_class_page_escaped(tmp_path: Path,
                                                                             pg_server) -> None:
    learners = tmp_path / "class"
    for name in (b"mallory", b"ren\xe9"):
        versions = Path(os.fsdecode(os.fsencode(learners) + b"/" + name)) / "migrations" / "versions"
        write(versions, "0001_create.py", CREATE, "0001")
        write(versions, "0002_boom.py", '''
def upgrade():
    raise RuntimeError("<script>alert('pwned')</script>\\n::error::forged")
''', "0002", "0001")
    page = tmp_path / "class.html"

    result = dbkit("review", "--class", str(learners), "--run", "--html", str(page),
                   "--no-squawk")

    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-800:]
    html = page.read_text(encoding="utf-8")
    assert "ren\\xe9" in html and "mallory" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    markdown = dbkit("review", "--class", str(learners), "--format", "markdown", "--no-squawk")
    assert "ren\\xe9" in markdown.stdout and markdown.returncode == 0


@pytest.mark.attacks
def test_a_sigkilled_review_run_leaves_nothing_running_and_the_next_run_reclaims_it(
        tmp_path: Path) -> None:
    marker = f"{secrets.randbelow(10**6) + 10**6}.75"
    chain = tmp_path / "chain"
    write(chain, "0001_create.py", CREATE, "0001")
    write(chain, "0002_hangs.py", f'''
def upgrade():
    if os.fork() == 0:
        os.setsid()
        os.execv("/bin/sleep", ["sleep", "{marker}"])
    time.sleep(120)
''', "0002", "0001")
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    review = subprocess.Popen([sys.executable, "-m", "dbkit", "review", "--run", str(chain)],
                              cwd=PROJECT_ROOT, env=environ, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: running(marker), timeout=120, what="the revision's daemon")
        left = [p.parent for p in Path("/tmp").glob("dbkit-*/owner")
                if p.read_text().split()[0] == str(review.pid)]
        assert {p.name.split("-")[1] for p in left} == {"pg", "sandbox"}
    finally:
        review.send_signal(signal.SIGKILL)
        review.wait()

    wait_for(lambda: running(marker) == [], what="the sandbox to die with the review")
    server_home = next(p for p in left if p.name.startswith("dbkit-pg-"))
    postmaster = int((server_home / "data" / "postmaster.pid").read_text().split()[0])
    assert Path(f"/proc/{postmaster}").exists()  # PostgreSQL outlives a SIGKILL ...

    reclaim_throwaway_servers()  # ... until the next run starts (it calls these first)
    sandbox.reclaim()

    assert not any(p.exists() for p in left)
    wait_for(lambda: not Path(f"/proc/{postmaster}").exists(), what="PostgreSQL to stop")
