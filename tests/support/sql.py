"""Plain SQL on a test database, and the rows of the template (fixtures are in conftest.py)."""

from __future__ import annotations

import sqlalchemy as sa

from dbkit.database import Target
from dbkit.state.marker import MARKER_TABLE

C25_ROWS = [(f"First{i}", f"Sur{i}", f"chat{i}", f"gh{i}", f"{8000000000000 + i}")
            for i in range(10)]


def mark(url: str, env: str) -> None:
    """Make a copy of the (dev-migrated) template the database of ``env``, as if it had been
    first migrated there."""
    execute(url, f"UPDATE {MARKER_TABLE} SET env = '{env}'")


def execute(url: str, *statements: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)
    engine.dispose()


def scalar(url: str, query: str):
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        value = conn.exec_driver_sql(query).scalar()
    engine.dispose()
    return value


def rows(url: str, query: str) -> list[tuple]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        result = [tuple(r) for r in conn.exec_driver_sql(query)]
    engine.dispose()
    return result


def target(url: str, env: str = "dev") -> Target:
    """The Target a command would build for ``url`` under ``ENV=env``."""
    return Target(env, sa.make_url(url), "a test")
