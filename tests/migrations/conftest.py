"""Fixtures for the migration tests: a fresh database per revision to compare with, and new
databases copied from a template. The helpers they use are in ``support.chain``."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from support.chain import CHAIN, differences, migrate, schema_of

from dbkit.pg.server import Server


@pytest.fixture(scope="session")
def fresh_schemas(pg_server: Server) -> dict[str | None, dict[str, Any]]:
    """``{revision: schema_of(a database upgraded straight to it)}``, base as None."""
    name = f"fresh_{uuid.uuid4().hex[:12]}"
    pg_server.create_database(name, template="template0")
    engine = sa.create_engine(pg_server.url_for(name))
    try:
        with engine.connect() as connection:
            found = {None: schema_of(connection)}
        for revision in CHAIN:
            migrate(engine, "upgrade", revision)
            with engine.connect() as connection:
                found[revision] = schema_of(connection)
    finally:
        engine.dispose()
        pg_server.drop_database(name)
    return found


@pytest.fixture
def same_schema_as(fresh_schemas) -> Callable[[sa.Engine, str | None], list[str]]:
    """``same_schema_as(engine, revision)`` -> the differences with a fresh database at it."""
    def check(engine: sa.Engine, revision: str | None) -> list[str]:
        with engine.connect() as connection:
            return differences(schema_of(connection), fresh_schemas[revision])
    return check


@pytest.fixture
def new_database(pg_server: Server) -> Iterator[Callable[[str], sa.Engine]]:
    """``new_database(template)`` -> an engine on a new copy of database ``template``."""
    made: list[tuple[str, sa.Engine]] = []

    def make(template: str) -> sa.Engine:
        name = f"t_{uuid.uuid4().hex[:12]}"
        pg_server.create_database(name, template=template)
        engine = sa.create_engine(pg_server.url_for(name))
        made.append((name, engine))
        return engine

    yield make
    for name, engine in made:
        engine.dispose()
        pg_server.drop_database(name)
