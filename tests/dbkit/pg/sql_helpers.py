"""Plain helpers of the pg tests (fixtures live in conftest.py)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from dbkit.database import Target


def target(url: str, env: str = "dev") -> Target:
    return Target(env, make_url(url), "a test")


def execute(url: str, *statements: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(sa.text(statement))
    finally:
        engine.dispose()


def rows(url: str, sql: str) -> list[tuple]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql))]
    finally:
        engine.dispose()
