"""A connection handed in to Alembic skips the guard rails, so only a drift scratch database
may come that way; no command can use it to write a real database."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from alembic import command
from support.commands import run

from dbkit import drift, revisions
from dbkit.drift import expected
from dbkit.state import marker


def tables(engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_a_handed_in_connection_to_a_real_database_is_refused(engine):
    with engine.connect() as connection, pytest.raises(SystemExit) as stopped:
        command.upgrade(drift.alembic_config_for(connection), "head")
    name = engine.url.database
    assert str(stopped.value.code) == (
        f"error: alembic was handed a connection to the database {name}: that is only for the "
        "drift check's scratch databases (dbkit_scratch_*), which need no guard rails; run "
        "`alembic` as a command instead; nothing was changed")
    assert tables(engine) == set()


def test_a_scratch_named_database_with_a_marker_is_refused(pg_server):
    name = f"dbkit_scratch_drift_{uuid.uuid4().hex[:12]}"
    pg_server.create_database(name, template="template0")
    engine = sa.create_engine(pg_server.url_for(name))
    try:
        with engine.begin() as connection:
            marker.write_marker(connection, "prod")
        with engine.connect() as connection, pytest.raises(SystemExit) as stopped:
            command.upgrade(drift.alembic_config_for(connection), "head")
        assert str(stopped.value.code) == (
            f"error: the scratch database {name} is marked prod, so it is not a scratch "
            "database; nothing was changed")
        assert tables(engine) == {marker.MARKER_TABLE}
    finally:
        engine.dispose()
        pg_server.drop_database(name)


def test_a_drift_scratch_database_still_migrates(pg_server):
    with expected.scratch_database(sa.make_url(pg_server.url_for("postgres"))) as scratch, \
            scratch.connect() as connection:
        expected.migrate(connection, "0003")
        assert revisions.current(connection) == "0003"


def test_situation_on_a_prod_url_with_env_dev_changes_nothing(use_database, engine):
    prod = {"ENV": "prod"}
    assert run("alembic", "-x", "backup=off", "upgrade", "head", env=prod,
               url=use_database).returncode == 0
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO cohorts (name) VALUES ('C25 Data Eng')"))

    result = run("-m", "dbkit", "situation", "1", env={"ENV": "dev"}, url=use_database)

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")]
    with engine.connect() as conn:
        assert revisions.current(conn) == revisions.head()
        assert conn.execute(sa.text(f"SELECT env FROM {marker.MARKER_TABLE}")).scalar() == "prod"
        assert "cohort_id" in {c["name"] for c in sa.inspect(conn).get_columns("recruits")}
        assert conn.execute(sa.text("SELECT name FROM cohorts")).scalars().all() == ["C25 Data Eng"]
