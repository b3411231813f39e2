"""marker.require_disposable on real databases: what a reset or a situation may throw away."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from dbkit.database import Target
from dbkit.errors import Refused
from dbkit.state import marker


@pytest.fixture
def fresh(pg_server):
    """A database that dbkit did not make (no 'dbkit:' comment), and an engine on it."""
    name = f"m_{uuid.uuid4().hex[:12]}"
    pg_server.create_database(name, template="template0", comment=None)
    engine = sa.create_engine(pg_server.url_for(name))
    yield name, engine
    engine.dispose()
    pg_server.drop_database(name)


def check(engine) -> None:
    with engine.connect() as connection:
        marker.require_disposable(connection, Target("dev", engine.url, "a test"), "reset")


def run_sql(engine, sql: str) -> None:
    with engine.begin() as connection:
        connection.execute(sa.text(sql))


CASES = {
    "empty": ("", None),
    "only alembic_version": ("CREATE TABLE alembic_version (version_num text);"
                             "INSERT INTO alembic_version VALUES ('0008')", None),
    "empty tables": ("CREATE TABLE t (x int)", None),
    "marked dev, with rows": ("CREATE TABLE t (x int); INSERT INTO t VALUES (1)", "dev"),
    "marked prod, empty": ("", "prod"),
    "unmarked, rows": ("CREATE SCHEMA s; CREATE TABLE s.\"Odd \"\"name\" (x int);"
                       "INSERT INTO s.\"Odd \"\"name\" VALUES (1)", None),
}
REFUSED = {"marked prod, empty": "is the prod database",
           "unmarked, rows": "has no environment marker but holds rows"}


@pytest.mark.parametrize("case", CASES)
def test_require_disposable(case, fresh, pg_server):
    name, engine = fresh
    sql, env = CASES[case]
    for statement in filter(None, sql.split(";")):
        run_sql(engine, statement)
    if env:
        with engine.begin() as connection:
            marker.write_marker(connection, env)
    before = table_counts(engine)

    if case in REFUSED:
        with pytest.raises(Refused, match=REFUSED[case]) as refused:
            check(engine)
        assert str(refused.value).startswith(f"reset refused: 127.0.0.1:{pg_server.port}/{name}")
        assert str(refused.value).endswith("nothing was changed")
    else:
        check(engine)
    assert table_counts(engine) == before  # the check itself writes nothing


def test_rows_in_a_database_dbkit_made_are_disposable(fresh, pg_server):
    name, engine = fresh
    run_sql(engine, "CREATE TABLE t (x int)")
    run_sql(engine, "INSERT INTO t VALUES (1)")
    with pytest.raises(Refused):
        check(engine)
    with sa.create_engine(make_url(pg_server.url_for("postgres")),
                          isolation_level="AUTOCOMMIT").connect() as admin:
        admin.exec_driver_sql(f"COMMENT ON DATABASE {name} IS 'dbkit: made by a test'")
    check(engine)


def table_counts(engine) -> list[tuple]:
    with engine.connect() as connection:
        tables = connection.execute(sa.text(
            "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname "
            "NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")).scalars().all()
        return [(t, connection.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar())
                for t in tables]
