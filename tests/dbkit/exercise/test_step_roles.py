"""``python -m dbkit step`` with the roles a learner has: the app role is no superuser.

Where ``python -m dbkit up`` started the servers (env files on ports of their own, the
admin password kept in the data folder), the step rebuilds dev and the rehearsal with
``dbkit_admin`` and gives them to the app role. Where dbkit did not start the server and
the app role may not create databases, it says so in one line and drops nothing.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT, committed_env, run
from support.sql import execute, rows

from dbkit.pg.server import free_port
from dbkit.state import marker


@pytest.fixture(scope="module")
def dbkit_servers():
    """Dev and prod as `make up` starts them, on free ports; the learner's setting."""
    folder = Path(tempfile.mkdtemp(prefix="dbkit-step-roles-"))
    folder.chmod(0o755)
    ports = {"dev": free_port(), "prod": free_port()}
    for env in ("dev", "prod"):
        (folder / f".env.{env}").write_text(committed_env(env))
        (folder / f".env.{env}.local").write_text(f"POSTGRES_PORT={ports[env]}\n")
    environ = {"DBKIT_ENV_DIR": str(folder), "DBKIT_DATA_DIR": str(folder / "pgdata"),
               "DBKIT_BACKUP_DIR": str(folder / "backups"),
               "DBKIT_EXERCISE_DIR": str(PROJECT_ROOT / "exercise" / f"work-{uuid.uuid4().hex[:8]}")}
    started = run("-m", "dbkit", "up", env=environ)
    assert started.returncode == 0, started.stderr
    yield environ, ports
    run("-m", "dbkit", "down", env=environ)
    shutil.rmtree(environ["DBKIT_EXERCISE_DIR"], ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)


def app_url(environ: dict[str, str], env: str, port: int, database: str | None = None) -> str:
    """The app role's URL; its password is the one `dbkit up` made (the env files hold none)."""
    password = (Path(environ["DBKIT_DATA_DIR"]) / env / "app-password").read_text().strip()
    return f"postgresql+psycopg2://recruits:{password}@127.0.0.1:{port}/{database or 'recruits_' + env}"


@pytest.mark.slow  # two servers of its own and a part of the walk: make test-slow (and user-path)
def test_a_step_as_the_app_role_on_servers_dbkit_started(dbkit_servers):
    environ, ports = dbkit_servers
    dev = app_url(environ, "dev", ports["dev"])
    rehearsal = app_url(environ, "prod", ports["prod"], "recruits_prod_rehearsal")
    assert rows(dev, "SELECT rolsuper, rolcreatedb FROM pg_roles WHERE rolname = current_user") \
        == [(False, False)]

    result = run("-m", "dbkit", "step", "prod-1", "--do", env=environ)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for url, name in ((dev, "recruits_dev"), (rehearsal, "recruits_prod_rehearsal")):
        assert rows(url, "SELECT pg_get_userbyid(datdba) FROM pg_database "
                         f"WHERE datname = '{name}'") == [("recruits",)]
    assert rows(rehearsal, "SELECT version_num FROM alembic_version") == [("0004",)]
    assert rows(dev, "SELECT count(*) FROM recruits") == [(10,)]
    # The rehearsal's backup is a rehearsal one: prod's retention never sees it.
    names = [p.name for p in Path(environ["DBKIT_BACKUP_DIR"]).glob("*.dump")]
    assert names and all(name.startswith("rehearsal-") for name in names), names
    # The real prod was not touched: still empty, never migrated.
    assert rows(app_url(environ, "prod", ports["prod"]), "SELECT count(*) FROM pg_tables "
                                                "WHERE schemaname = 'public'") == [(0,)]


def test_without_createdb_and_no_admin_role_the_step_is_one_line_and_drops_nothing(
        pg_server, owner_role, tmp_path):
    role, password = owner_role
    urls = {}
    for env in ("dev", "prod"):
        name = f"{env}_{uuid.uuid4().hex[:8]}"
        pg_server.create_database(name, template="template0", owner=role)
        from dbkit.pg import admin
        admin.give_schema_to_owner(pg_server.admin_url(name), role)
        urls[env] = sa.make_url(pg_server.url_for(name)).set(
            username=role, password=password).render_as_string(hide_password=False)
        (tmp_path / f".env.{env}").write_text(f"DATABASE_URL={urls[env]}\n")
    execute(urls["dev"], "CREATE TABLE kept (x int)", "INSERT INTO kept VALUES (1), (2)")
    engine = sa.create_engine(urls["dev"])
    with engine.begin() as connection:
        marker.write_marker(connection, "dev")
    engine.dispose()
    work = PROJECT_ROOT / "exercise" / f"work-{uuid.uuid4().hex[:8]}"
    try:
        result = run("-m", "dbkit", "step", "dev-1",
                     env={"DBKIT_ENV_DIR": str(tmp_path), "DBKIT_EXERCISE_DIR": str(work)})
    finally:
        shutil.rmtree(work, ignore_errors=True)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [line for line in result.stderr.splitlines()[-1:]]
    assert errors[0].startswith("error: step refused, nothing was changed: dbkit did not start "
                                "the server of ")
    assert f"the role '{role}' needs CREATEDB: as a superuser, run `ALTER ROLE \"{role}\" " \
           "CREATEDB;`" in errors[0]
    assert rows(urls["dev"], "SELECT x FROM kept ORDER BY x") == [(1,), (2,)]
    prod_name = sa.make_url(urls["prod"]).database
    with admin_connection(pg_server) as connection:
        assert not connection.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                      {"n": f"{prod_name}_rehearsal"}).first()
    for env in ("dev", "prod"):
        pg_server.drop_database(sa.make_url(urls[env]).database)


def admin_connection(pg_server):
    from dbkit.pg import admin

    return admin.admin_connection(pg_server.admin_url())
