"""Fixtures for the dbkit tests that need a populated database: copies of one migrated template.

Migrating and seeding a database takes a second or two; ``CREATE DATABASE ...
TEMPLATE`` copies one in a few tens of milliseconds. The template is made once
per test module: at head, with ten C25 recruits (id numbers and all, put in at
revision 0001 with plain SQL so that every later migration carries them).
The plain SQL helpers the tests use on those copies are in ``sql_helpers.py``.
"""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from support.commands import alembic
from support.sql import C25_ROWS, mark


@pytest.fixture(scope="module")
def head_template(pg_server):
    """The name of a database at head holding ten C25 recruits (never used directly)."""
    name = f"tpl_{uuid.uuid4().hex[:12]}"
    pg_server.create_database(name, template="template0")
    url = pg_server.url_for(name)
    alembic("upgrade", "0001", url=url)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO recruits (first_name, surname, chatname, github_name, "
                             "id_number) VALUES (:f, :s, :c, :g, :i)"),
                     [dict(zip("fscgi", row, strict=True)) for row in C25_ROWS])
    engine.dispose()
    alembic("upgrade", "head", url=url)
    yield name
    pg_server.drop_database(name)


@pytest.fixture
def clone(pg_server, head_template):
    """``clone()`` -> URL of a new copy of the template (a dev database; ``clone("prod")``
    for a prod one), dropped after the test."""
    made = []

    def make(env: str = "dev") -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        pg_server.create_database(name, template=head_template)
        made.append(name)
        url = pg_server.url_for(name)
        if env != "dev":
            mark(url, env)
        return url

    yield make
    for name in made:
        pg_server.drop_database(name)
