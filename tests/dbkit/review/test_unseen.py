"""DROP TABLE IF EXISTS of a table nothing in a chain started outside it makes or uses, and
nothing in the repository names (unseen.py; issue 19, held-out12 qontinui-web v_12)."""

from __future__ import annotations

import shutil
from pathlib import Path

from review_cases import CORPUS, findings

from dbkit.review import unseen

CASE = CORPUS / "data-dropped" / "drop_if_exists_of_tables_no_code_names"


def _data_dropped(path: Path) -> dict[int, tuple[str, str]]:
    return {f.line: (f.severity, f.message) for f in findings(path) if f.rule == "data-dropped"}


def test_the_warning_says_what_the_reviewer_could_not_tell():
    severity, message = _data_dropped(CASE)[9]
    assert severity == "warning"
    assert message == (
        "Drops table badge_drafts; no copy of its values is seen, but the drop is written IF "
        "EXISTS, no revision before it makes or uses badge_drafts, and the chain changes tables "
        "made outside it: the table may have been made outside the chain, or never (then the "
        "drop does nothing), and nothing in the repository outside its revisions names it.")


def test_a_schema_the_repository_names_keeps_the_error(tmp_path):
    """GeoNature 30edd97ae582: gn_exports.t_config_export, in a schema the project's SQL
    files name (a table its own install made), stays an error."""
    case = tmp_path / "tests" / "case"
    shutil.copytree(CASE, case)
    drops = case / "versions" / "0003_drop_leftovers.py"
    drops.write_text(drops.read_text().replace("IF EXISTS badge_drafts", "IF EXISTS archive.badge_drafts"))
    assert _data_dropped(case)[9][0] == "warning"
    (case / "app" / "archive.sql").write_text("-- the tables of the archive schema\n")
    unseen._words.cache_clear()
    assert _data_dropped(case)[9][0] == "error"


def test_a_repository_past_the_bounds_keeps_the_error(monkeypatch):
    monkeypatch.setattr(unseen, "MAX_FILES", 3)
    unseen._words.cache_clear()
    try:
        assert _data_dropped(CASE)[9][0] == "error"
    finally:
        unseen._words.cache_clear()
