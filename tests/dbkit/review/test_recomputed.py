"""A drop whose own downgrade adds the column back and recomputes every row of it from data
the upgrade leaves alone is derived (recomputed.py); a constant, a CASE of constants, a
backup or a column the upgrade filled from the dropped one is no such proof.

Pure parsing: no database.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dbkit.review.chain import Chain, collect
from dbkit.review.recomputed import recomputed

CASE = Path(__file__).parent / "corpus" / "data-dropped" / "recomputed_by_its_downgrade"


@pytest.fixture(scope="module")
def chain() -> Chain:
    revisions, _ = collect(str(CASE))
    return Chain(revisions)


def _why(chain: Chain, table: str, column: str) -> str | None:
    rev = chain.by_id["0002"]
    drop = next(o for o in rev.upgrade if o.name == "drop_column" and o.table == table
                and o.column == column)
    return recomputed(chain, rev, drop)


def test_an_exists_over_another_table_is_derived(chain: Chain) -> None:
    why = _why(chain, "imports", "in_error")
    assert why is not None
    assert "recomputes every row of it from import_errors.*, imports.id (line 56)" in why


def test_a_test_of_a_column_of_the_same_row_through_a_with_query_is_derived(
        chain: Chain) -> None:
    why = _why(chain, "fields", "nomenclature") or ""
    assert "from fields.id, fields.mnemonique (line 52)" in why


def test_the_key_a_join_finds_of_the_table_it_points_at_is_derived(chain: Chain) -> None:
    assert "from imports.id, sources.id, sources.name (line 49)" in (
        _why(chain, "imports", "source_id") or "")


@pytest.mark.parametrize("table, column", [
    ("fields", "kind_group"),  # CASE WHEN kind IN ('a', 'b') THEN 'ab' ELSE 'other' END
    ("imports", "step"),  # SET step = 1
    ("imports", "label"),  # from label_backup.label, a backup the chain never fills
    ("imports", "state"),  # from source_name, which the upgrade filled from state: a move
    ("imports", "updated_at"),  # SET updated_at = created_at: a copy of another value
    ("imports", "checked_at"),  # GREATEST(created_at, done_at): a choice among values
    ("imports", "nvrs"),  # string_agg(nvr, ' ') of other rows: an aggregate
    ("imports", "source_title"),  # s.title of a joined row: a value, no key
])
def test_no_proof(chain: Chain, table: str, column: str) -> None:
    assert _why(chain, table, column) is None
