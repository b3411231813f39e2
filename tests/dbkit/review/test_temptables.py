"""temptables.py: which tables SQL makes temporary, and which drops are of one."""

from __future__ import annotations

import pytest

from dbkit.review.ops import Op
from dbkit.review.temptables import created, temporary


@pytest.mark.parametrize(("sql", "names"), [
    ("CREATE TEMP TABLE snap ON COMMIT DROP AS SELECT 1", {"snap"}),
    ('create temporary table if not exists "Snap" (id int)', {"snap"}),
    ("CREATE LOCAL TEMP TABLE pg_temp.x (id int); CREATE GLOBAL TEMPORARY TABLE y (id int)",
     {"x", "y"}),
    ("CREATE TEMP TABLE snap AS SELECT * FROM (VALUES {}) AS v(a)", {"snap"}),  # not parseable
    ("CREATE TABLE snap (id int)", set()),
    ("CREATE TEMP TABLE public.snap (id int)", set()),  # an error in PostgreSQL: not taken
])
def test_created(sql: str, names: set[str]) -> None:
    assert created(sql) == names


def test_a_drop_is_of_a_temporary_table_made_before_it_unqualified_or_in_pg_temp() -> None:
    make = Op("execute", 1, 1, seq=0, temporary=frozenset({"snap"}))
    assert temporary([make], Op("drop_table", 2, 2, seq=1, table="snap"))
    assert temporary([make], Op("drop_table", 2, 2, seq=1, table="SNAP"))
    assert temporary([], Op("drop_table", 2, 2, seq=1, table="pg_temp.other"))
    assert not temporary([make], Op("drop_table", 2, 2, seq=1, table="app.snap"))  # the real one
    assert not temporary([make], Op("drop_table", 0, 0, seq=0, table="snap"))  # before it
    assert not temporary([make], Op("drop_table", 2, 2, seq=1, table="orders"))
    assert not temporary([make], Op("drop_column", 2, 2, seq=1, table="snap", column="id"))
