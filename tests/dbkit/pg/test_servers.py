"""``python -m dbkit up|status|psql|reset|down`` on servers of their own (never the user's)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import psycopg2
import psycopg2.errors
import pytest
from support.commands import committed_env, run

from dbkit.pg.server import free_port
from dbkit.system import system_tool


@pytest.fixture(scope="module")
def servers():
    """Env files like the project's, on free ports, and a data folder of their own.

    Not under pytest's tmp folder: another pytest run on the machine resets
    /tmp/pytest-of-<user> to mode 700, which locks the server user out.
    """
    folder = Path(tempfile.mkdtemp(prefix="dbkit-servers-"))
    ports = {}
    for env, real_port in (("dev", "5433"), ("prod", "5434")):
        ports[env] = free_port()
        text = committed_env(env).replace(real_port, str(ports[env]))
        (folder / f".env.{env}").write_text(text)
    environ = {"DBKIT_ENV_DIR": str(folder), "DBKIT_DATA_DIR": str(folder / "pgdata")}
    DATA.append(folder / "pgdata")
    yield environ, ports
    DATA.remove(folder / "pgdata")
    run("-m", "dbkit", "down", env=environ)
    shutil.rmtree(folder, ignore_errors=True)


DATA: list[Path] = []  # the data folder of the servers under test


def app_password(env: str) -> str:
    """What `make up` made and keeps in .pgdata/<env>/app-password (we are its owner)."""
    return (DATA[-1] / env / "app-password").read_text().strip()


def connect(port: int, env: str, password: str | None = None):
    return psycopg2.connect(host="127.0.0.1", port=port, user="recruits", dbname=f"recruits_{env}",
                            password=password or app_password(env), connect_timeout=5)


@pytest.mark.slow
def test_up_status_psql_reset_down(servers):
    environ, ports = servers

    up = run("-m", "dbkit", "up", env=environ)
    assert up.returncode == 0, up.stderr
    for env in ("dev", "prod"):
        assert f"{env}: PostgreSQL started on 127.0.0.1:{ports[env]}, database recruits_{env}" in up.stdout
        connect(ports[env], env).close()
        with pytest.raises(psycopg2.OperationalError, match="password authentication failed"):
            connect(ports[env], env, password="wrong")

    again = run("-m", "dbkit", "up", env=environ)
    assert "dev: PostgreSQL already running" in again.stdout
    for env in ("dev", "prod"):
        assert_least_privilege(environ, ports[env], env, up.stdout + up.stderr)
        assert listening_addresses(ports[env]) == {"127.0.0.1"}
        with connect(ports[env], env) as conn, conn.cursor() as cur:
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                cur.execute(f"SHOW {setting}")
                assert cur.fetchone()[0] == "on", setting

    status = run("-m", "dbkit", "status", env=environ)
    assert status.returncode == 0
    assert status.stdout.count("running") == 2 and "never migrated" in status.stdout

    psql = run("-m", "dbkit", "psql", "prod", "-c", "CREATE TABLE kept (note text)",
               "-c", "INSERT INTO kept VALUES ('still here')", env=environ)
    assert psql.returncode == 0, psql.stderr
    assert app_password("prod") not in psql.stdout + psql.stderr

    refused = run("-m", "dbkit", "reset", "prod", env=environ)
    assert refused.returncode == 2
    assert refused.stderr.strip() == ("error: reset refuses prod: prod data is never thrown away "
                                      "(to undo a migration, downgrade it)")

    # A reset that reaches prod through DATABASE_URL: the marker refuses it, nothing dropped.
    mark(ports["prod"], "prod")
    prod_url = f"postgresql://recruits:{app_password('prod')}@127.0.0.1:{ports['prod']}/recruits_prod"
    sneaky = run("-m", "dbkit", "reset", "dev", env={**environ, "ENV": "prod"}, url=prod_url)
    assert sneaky.returncode == 2
    assert sneaky.stderr.strip().splitlines()[-1].startswith(
        f"error: reset refused: 127.0.0.1:{ports['prod']}/recruits_prod is the prod database")
    assert sneaky.stderr.strip().endswith("nothing was changed")
    with connect(ports["prod"], "prod") as conn, conn.cursor() as cur:
        cur.execute("SELECT note FROM kept")
        assert cur.fetchall() == [("still here",)]

    run("-m", "dbkit", "psql", "dev", "-c", "CREATE TABLE scratch (x int)", env=environ)
    reset = run("-m", "dbkit", "reset", "dev", env=environ)
    assert reset.returncode == 0, reset.stderr
    with connect(ports["dev"], "dev") as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'scratch'")
        assert cur.fetchone()[0] == 0

    down = run("-m", "dbkit", "down", env=environ)
    assert down.stdout.splitlines() == ["dev: stopped", "prod: stopped"], down.stderr
    with pytest.raises(psycopg2.OperationalError):
        connect(ports["prod"], "prod")
    stopped = run("-m", "dbkit", "status", env=environ).stdout
    assert stopped.count("not running") == 2 and "start it with `make up`" in stopped

    # Data survives down/up.
    assert run("-m", "dbkit", "up", "prod", env=environ).returncode == 0
    with connect(ports["prod"], "prod") as conn, conn.cursor() as cur:
        cur.execute("SELECT note FROM kept")
        assert cur.fetchall() == [("still here",)]


def test_another_local_user_cannot_log_in_to_the_local_prod(servers):
    """A second OS user of the machine (made for the test) reads the env files, as anyone can,
    and tries psql on the local prod: no password in them, the password file not readable,
    the old committed password refused. The owner (us) gets in."""
    import os
    import stat
    import subprocess
    import uuid

    from dbkit.pg import server

    environ, ports = servers
    assert run("-m", "dbkit", "up", "prod", env=environ).returncode == 0
    folder = Path(environ["DBKIT_ENV_DIR"])
    folder.chmod(0o755)  # a project folder others may read, as a clone in a home often is
    for env in ("dev", "prod"):
        (folder / f".env.{env}").chmod(0o644)
    kept = DATA[-1] / "prod" / "app-password"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    intruder = f"dbkit-other-{uuid.uuid4().hex[:6]}"
    subprocess.run([system_tool("useradd"), "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                    intruder], check=True, capture_output=True)
    try:
        def as_intruder(*argv: str, **env: str) -> subprocess.CompletedProcess:
            clean = {"PATH": "/usr/bin:/bin", **env}
            runuser = shutil.which("runuser") or "/usr/sbin/runuser"
            return subprocess.run([runuser, "-u", intruder, "--", *argv], env=clean, cwd="/",
                                  capture_output=True, text=True, timeout=60)

        env_file = as_intruder("cat", str(folder / ".env.prod"))
        assert env_file.returncode == 0 and "DATABASE_URL=" in env_file.stdout
        assert app_password("prod") not in env_file.stdout and "PASSWORD=" not in env_file.stdout
        for secret in (kept, DATA[-1] / "prod" / "admin-password"):
            read = as_intruder("cat", str(secret))
            assert read.returncode != 0 and "Permission denied" in read.stderr
        psql = [server.program("psql"), "-h", "127.0.0.1", "-p", str(ports["prod"]),
                "-U", "recruits", "-d", "recruits_prod", "-w", "-c", "SELECT 1"]
        no_password = as_intruder(*psql)
        assert no_password.returncode != 0 and "no password supplied" in no_password.stderr
        old_password = as_intruder(*psql, PGPASSWORD="prod-only-password")
        assert old_password.returncode != 0
        assert "password authentication failed" in old_password.stderr
        as_admin = as_intruder(*[a if a != "recruits" else "dbkit_admin" for a in psql])
        assert as_admin.returncode != 0
    finally:
        subprocess.run([system_tool("userdel"), intruder], capture_output=True)
    owner = run("-m", "dbkit", "psql", "prod", "-c", "SELECT 'the owner is in'", env=environ)
    assert owner.returncode == 0 and "the owner is in" in owner.stdout, owner.stderr
    assert os.environ.get("DATABASE_URL") is None


def mark(port: int, env: str) -> None:
    import sqlalchemy as sa

    from dbkit.state import marker

    engine = sa.create_engine(f"postgresql+psycopg2://recruits:{app_password(env)}@127.0.0.1:"
                              f"{port}/recruits_{env}")
    with engine.begin() as connection:
        marker.write_marker(connection, env)
    engine.dispose()


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on ``port``, from the kernel's own table."""
    import ipaddress

    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                # The kernel prints each 32-bit word in host (little-endian) order.
                raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
                found.add(str(ipaddress.ip_address(raw)))
    return found


def assert_least_privilege(environ: dict, port: int, env: str, printed: str) -> None:
    """The env file's role owns its database and schema and is no superuser; the admin role's
    password is kept in a mode-600 file and never printed."""
    import stat

    with connect(port, env) as conn, conn.cursor() as cur:
        cur.execute("SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles "
                    "WHERE rolname = current_user")
        assert cur.fetchone() == (False, False, False)
        cur.execute("SELECT pg_get_userbyid(datdba) FROM pg_database "
                    "WHERE datname = current_database()")
        assert cur.fetchone() == ("recruits",)
        cur.execute("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'")
        assert cur.fetchone() == ("recruits",)
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cur.execute("COPY (SELECT 1) TO PROGRAM 'true'")
    kept = Path(environ["DBKIT_DATA_DIR"]) / env / "admin-password"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    admin_password = kept.read_text().strip()
    assert len(admin_password) >= 24 and admin_password not in printed
    admin = psycopg2.connect(host="127.0.0.1", port=port, user="dbkit_admin", dbname="postgres",
                             password=admin_password, connect_timeout=5)
    with admin, admin.cursor() as cur:
        cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        assert cur.fetchone() == (True,)
    admin.close()


def test_up_refuses_a_port_taken_by_another_program(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        (tmp_path / ".env.dev").write_text(committed_env("dev"))
        (tmp_path / ".env.dev.local").write_text(f"POSTGRES_PORT={port}\n")
        result = run("-m", "dbkit", "up", "dev",
                     env={"DBKIT_ENV_DIR": str(tmp_path), "DBKIT_DATA_DIR": str(tmp_path / "data")})

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: port {port} is taken by another program (a Docker database, or another "
        "PostgreSQL?): stop it, or use another port: a line POSTGRES_PORT=<port> in "
        ".env.dev.local (git ignores it)"]


def test_unknown_environment_is_a_usage_error():
    result = run("-m", "dbkit", "up", "staging")
    assert result.returncode == 2
    assert "unknown environment 'staging' (choose from dev, prod)" in result.stderr
