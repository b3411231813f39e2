"""``dbkit reset`` decides by the database it reaches, and never drops what it cannot recreate."""

from __future__ import annotations

import sqlalchemy as sa
from support.sql import execute, rows

from dbkit.cli import main
from dbkit.state import marker


def test_reset_refuses_a_role_that_could_not_create_the_database_again(owned_url, monkeypatch,
                                                                        capsys):
    execute(owned_url, "CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2)")
    monkeypatch.setenv("DATABASE_URL", owned_url)

    assert main(["reset", "dev"]) == 2

    err = capsys.readouterr().err.strip().splitlines()[-1]
    role = sa.make_url(owned_url).username
    assert err.startswith("error: reset refused, nothing was changed: dbkit did not start the "
                          f"server of {owned_url.rsplit('@', 1)[1]}, and the role '{role}' "
                          f"needs CREATEDB: as a superuser, run `ALTER ROLE \"{role}\" CREATEDB;`")
    assert rows(owned_url, "SELECT count(*) FROM t") == [(2,)]


def test_reset_refuses_prod_reached_under_another_name(owned_url, monkeypatch, capsys):
    execute(owned_url, "CREATE TABLE t (x int); INSERT INTO t VALUES (1)")
    engine = sa.create_engine(owned_url)
    with engine.begin() as connection:
        marker.write_marker(connection, "prod")
    engine.dispose()
    monkeypatch.setenv("ENV", "prod")
    monkeypatch.setenv("DATABASE_URL", owned_url)

    assert main(["reset", "dev"]) == 2

    assert "is the prod database (marked prod" in capsys.readouterr().err
    assert rows(owned_url, "SELECT count(*) FROM t") == [(1,)]
