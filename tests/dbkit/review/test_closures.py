"""A helper defined inside upgrade(): called with its arguments bound, it reads the names of
upgrade() as they are at the call, and what it does to the ones it shares is seen after."""

from __future__ import annotations

import textwrap
from pathlib import Path

from dbkit.review.reader import read_revision

HEADER = 'from alembic import op\n\nrevision = "0002"\ndown_revision = "0001"\n\n'


def _drops(tmp_path: Path, source: str) -> list[tuple[str | None, str | None]]:
    path = tmp_path / "0002_nested.py"
    path.write_text(HEADER + textwrap.dedent(source))
    rev = read_revision(path, path.name)
    assert rev.error is None
    return [(o.table, o.column) for o in rev.upgrade if o.name == "drop_column"]


def test_it_reads_a_name_bound_after_its_definition_before_its_call(tmp_path: Path) -> None:
    assert _drops(tmp_path, """
        TABLE = "areas"


        def upgrade():
            def drop(column):
                op.drop_column(table_name, column)
            table_name = "crags"
            drop("lat")
            table_name = TABLE
            drop("lng")
        """) == [("crags", "lat"), ("areas", "lng")]


def test_a_list_it_grows_is_grown_in_upgrade_too(tmp_path: Path) -> None:
    assert _drops(tmp_path, """
        def upgrade():
            tables = []

            def keep(name):
                tables.append(name)

            keep("crags")
            keep("sectors")
            for table_name in tables:
                op.drop_column(table_name, "lat")
        """) == [("crags", "lat"), ("sectors", "lat")]


def test_its_own_names_stay_its_own_and_a_nonlocal_is_rebound(tmp_path: Path) -> None:
    assert _drops(tmp_path, """
        def upgrade():
            table_name = "crags"

            def drop(column):
                table_name = "sectors"
                op.drop_column(table_name, column)

            def switch():
                nonlocal table_name
                table_name = "areas"

            drop("lat")
            op.drop_column(table_name, "lng")
            switch()
            op.drop_column(table_name, "name")
        """) == [("sectors", "lat"), ("crags", "lng"), ("areas", "name")]


def test_a_global_is_the_module_s_name_not_upgrade_s(tmp_path: Path) -> None:
    assert _drops(tmp_path, """
        table_name = "crags"


        def upgrade():
            table_name = "sectors"

            def drop(column):
                global table_name
                op.drop_column(table_name, column)

            drop("lat")
            op.drop_column(table_name, "lng")
        """) == [("crags", "lat"), ("sectors", "lng")]
