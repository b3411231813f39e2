"""A loop dropping each table a catalog query lists (catalogdrops.py): the tables of the
schema the chain made by then, but those the query leaves out by name, each a drop with its
rows; a query that picks tables any other way names none, a warning that says so. Pure
parsing: no database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from review_cases import findings

CORPUS = Path(__file__).parent / "corpus" / "data-dropped"
LISTED = CORPUS / "every_table_of_the_schema_dropped_in_a_loop_over_pg_tables"


def _dropped(folder: Path) -> dict[str, str]:
    """The tables data-dropped names at the loop's DROP, with each finding's severity, or
    {"?": "warning"} for its warning that it cannot name them."""
    lines = (folder / "0002_reset.py").read_text().splitlines()
    drop = next(number for number, text in enumerate(lines, 1) if "DROP TABLE" in text)
    return {f.message.split()[2] if f.message.startswith("Drops table ") else "?": f.severity
            for f in findings(folder) if f.rule == "data-dropped" and f.line == drop}


def test_each_table_of_the_schema_but_those_left_out_is_dropped_with_its_rows():
    assert _dropped(LISTED) == {"users": "error", "notes": "error"}


@pytest.mark.parametrize("where,dropped", [
    ("schemaname = 'public' AND tablename <> 'alembic_version'",
     {"users": "error", "notes": "error", "keep_me": "error"}),
    ("schemaname = 'audit'", {"audit.events": "error"}),
    ("schemaname = 'public' AND tablename LIKE 'n%'", {"?": "warning"}),
    ("schemaname IN ('public', 'audit')", {"?": "warning"}),
    ("tableowner = 'app'", {"?": "warning"}),
], ids=["one-left-out", "another-schema", "like", "two-schemas", "no-schema"])
def test_only_a_schema_and_names_left_out_say_which_tables(tmp_path, where, dropped):
    chain = tmp_path / "chain"
    shutil.copytree(LISTED, chain)
    reset = chain / "0002_reset.py"
    text = reset.read_text()
    said = ("schemaname = 'public' \"\n        \"AND tablename NOT IN ('alembic_version', "
            "'keep_me')")
    assert said in text
    reset.write_text(text.replace(said, where))
    assert _dropped(chain) == dropped
