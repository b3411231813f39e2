"""The Docker compose files parse and agree with the env files they load."""

from __future__ import annotations

import io
import re

import pytest
import yaml
from dotenv import dotenv_values
from sqlalchemy.engine import make_url
from support.commands import PROJECT_ROOT, committed_env


def interpolated(text: str, values: dict[str, str]) -> str:
    """Compose's interpolation of ``${NAME:-default}`` (the only form the ports use)."""
    return re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: values.get(m[1]) or m[2], text)


def env_files(*texts: str) -> dict[str, str]:
    """``--env-file A --env-file B``: read in order, a later file's line winning."""
    values: dict[str, str] = {}
    for text in texts:
        values.update({k: v or "" for k, v in dotenv_values(stream=io.StringIO(text)).items()})
    return values


@pytest.mark.parametrize("env, other", [("dev", "prod"), ("prod", "dev")])
def test_compose_file_agrees_with_its_env_file(env, other):
    compose = yaml.safe_load((PROJECT_ROOT / f"docker-compose.{env}.yml").read_text())
    settings = dotenv_values(stream=io.StringIO(committed_env(env)))
    url = make_url(settings["DATABASE_URL"])
    (name, service), = compose["services"].items()

    assert "version" not in compose
    assert service["image"].split(":")[0] == "postgres" and service["image"].split(":")[1][0].isdigit()
    assert service["env_file"] == f".env.{env}"
    # The host port follows the env files given with --env-file, as dbkit follows them.
    (ports,) = service["ports"]
    assert interpolated(ports, env_files(committed_env(env))) == \
        f"127.0.0.1:{settings['POSTGRES_PORT']}:5432"
    assert interpolated(ports, env_files(committed_env(env), "POSTGRES_PORT=6543\n")) == \
        "127.0.0.1:6543:5432"  # --env-file .env.<env>.local
    assert interpolated(ports, {}) == f"127.0.0.1:{settings['POSTGRES_PORT']}:5432"  # no file
    assert (url.port, url.username, url.database) == (
        int(settings["POSTGRES_PORT"]), settings["POSTGRES_USER"], settings["POSTGRES_DB"])
    # No password in the env file anyone can read: compose takes it from the environment.
    assert url.password is None and "POSTGRES_PASSWORD" not in settings
    assert service["environment"]["POSTGRES_PASSWORD"].startswith(
        f"${{RECRUITS_{env.upper()}_PASSWORD:?")
    assert env in service["container_name"]
    volume = service["volumes"][0].split(":")[0]
    assert volume in compose["volumes"] and env in volume
    # Least privilege: the image's superuser is an administrative role, not the env file's.
    environment = service["environment"]
    assert environment["POSTGRES_USER"] != settings["POSTGRES_USER"]
    assert (environment["DBKIT_OWNER"], environment["DBKIT_OWNER_DB"]) == (
        settings["POSTGRES_USER"], settings["POSTGRES_DB"])
    script, mounted = service["volumes"][1].removesuffix(":ro").split(":")
    assert mounted.startswith("/docker-entrypoint-initdb.d/") and mounted.endswith(".sh")
    assert (PROJECT_ROOT / script).is_file()
    check = " ".join(service["healthcheck"]["test"])
    assert check.startswith("CMD-SHELL pg_isready") and "-U" in check and "-d" in check
    assert {"interval", "timeout", "retries", "start_period"} <= set(service["healthcheck"])


def test_dev_and_prod_share_no_port_volume_or_container():
    dev, prod = (yaml.safe_load((PROJECT_ROOT / f"docker-compose.{env}.yml").read_text())["services"]["db"]
                 for env in ("dev", "prod"))
    for key in ("ports", "volumes", "container_name"):
        assert dev[key] != prod[key]


def test_the_docker_init_script_makes_an_owner_that_is_no_superuser(pg_server):
    """dbkit/pg/docker-owner.sh, run as the image runs it, against a real server."""
    import os
    import subprocess
    import uuid

    import psycopg2

    from dbkit.pg import admin, server

    tag = uuid.uuid4().hex[:8]
    superuser, owner, database = f"super_{tag}", f"recruits_{tag}", f"recruits_{tag}_db"
    password = "dev-only-password"
    with admin.admin_connection(pg_server.admin_url()) as connection:
        connection.exec_driver_sql(f"CREATE ROLE {superuser} SUPERUSER LOGIN PASSWORD 'pw'")
    environ = dict(os.environ, PATH=f"{server.bin_dir()}:{os.environ['PATH']}",
                   PGHOST="127.0.0.1", PGPORT=str(pg_server.port), PGPASSWORD="pw",
                   POSTGRES_USER=superuser, POSTGRES_DB="postgres", POSTGRES_PASSWORD=password,
                   DBKIT_OWNER=owner, DBKIT_OWNER_DB=database)
    try:
        result = subprocess.run(["sh", str(PROJECT_ROOT / "dbkit/pg/docker-owner.sh")],
                                env=environ, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        with psycopg2.connect(host="127.0.0.1", port=pg_server.port, user=owner,
                              password=password, dbname=database) as conn, conn.cursor() as cur:
            cur.execute("SELECT rolsuper, rolcreatedb FROM pg_roles WHERE rolname = current_user")
            assert cur.fetchone() == (False, False)
            cur.execute("SELECT pg_get_userbyid(nspowner) FROM pg_namespace "
                        "WHERE nspname = 'public'")
            assert cur.fetchone() == (owner,)
        conn.close()
        with pytest.raises(psycopg2.OperationalError, match="password authentication failed"):
            psycopg2.connect(host="127.0.0.1", port=pg_server.port, user=superuser,
                             password="pw", dbname="postgres")
    finally:
        with admin.admin_connection(pg_server.admin_url()) as connection:
            admin.drop_database(connection, database)
            connection.exec_driver_sql(f"DROP ROLE IF EXISTS {owner}")
            connection.exec_driver_sql(f"DROP ROLE IF EXISTS {superuser}")
