"""``python -m dbkit up|status|psql|reset|down`` on servers of their own (never the user's)."""

from __future__ import annotations

import psycopg2
import pytest
from helpers import PROJECT_ROOT, run

from dbkit.pg.server import free_port


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Env files like the project's, on free ports, and a data folder of their own."""
    folder = tmp_path_factory.mktemp("servers")
    ports = {}
    for env, real_port in (("dev", "5433"), ("prod", "5434")):
        ports[env] = free_port()
        text = (PROJECT_ROOT / f".env.{env}").read_text().replace(real_port, str(ports[env]))
        (folder / f".env.{env}").write_text(text)
    environ = {"DBKIT_ENV_DIR": str(folder), "DBKIT_DATA_DIR": str(folder / "pgdata")}
    yield environ, ports
    run("-m", "dbkit", "down", env=environ)


def connect(port: int, env: str, password: str | None = None):
    return psycopg2.connect(host="127.0.0.1", port=port, user="recruits", dbname=f"recruits_{env}",
                            password=password or f"{env}-only-password", connect_timeout=5)


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

    status = run("-m", "dbkit", "status", env=environ)
    assert status.returncode == 0
    assert status.stdout.count("running") == 2 and "never migrated" in status.stdout

    psql = run("-m", "dbkit", "psql", "prod", "-c", "CREATE TABLE kept (note text)",
               "-c", "INSERT INTO kept VALUES ('still here')", env=environ)
    assert psql.returncode == 0, psql.stderr
    assert "prod-only-password" not in psql.stdout + psql.stderr

    refused = run("-m", "dbkit", "reset", "prod", env=environ)
    assert refused.returncode == 2
    assert refused.stderr.strip() == ("error: reset refuses prod: prod data is never thrown away "
                                      "(to undo a migration, downgrade it)")

    run("-m", "dbkit", "psql", "dev", "-c", "CREATE TABLE scratch (x int)", env=environ)
    reset = run("-m", "dbkit", "reset", "dev", env=environ)
    assert reset.returncode == 0, reset.stderr
    with connect(ports["dev"], "dev") as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'scratch'")
        assert cur.fetchone()[0] == 0

    down = run("-m", "dbkit", "down", env=environ)
    assert down.stdout.splitlines() == ["dev: stopped", "prod: stopped"]
    with pytest.raises(psycopg2.OperationalError):
        connect(ports["prod"], "prod")
    stopped = run("-m", "dbkit", "status", env=environ).stdout
    assert stopped.count("not running") == 2 and "start it with `make up`" in stopped

    # Data survives down/up.
    assert run("-m", "dbkit", "up", "prod", env=environ).returncode == 0
    with connect(ports["prod"], "prod") as conn, conn.cursor() as cur:
        cur.execute("SELECT note FROM kept")
        assert cur.fetchall() == [("still here",)]


def test_up_refuses_a_port_taken_by_another_program(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        text = (PROJECT_ROOT / ".env.dev").read_text().replace("5433", str(port))
        (tmp_path / ".env.dev").write_text(text)
        result = run("-m", "dbkit", "up", "dev",
                     env={"DBKIT_ENV_DIR": str(tmp_path), "DBKIT_DATA_DIR": str(tmp_path / "data")})

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: port {port} is taken by another program (a Docker database, or another "
        "PostgreSQL?): stop it, or change POSTGRES_PORT and DATABASE_URL"]


def test_unknown_environment_is_a_usage_error():
    result = run("-m", "dbkit", "up", "staging")
    assert result.returncode == 2
    assert "unknown environment 'staging' (choose from dev, prod)" in result.stderr
