"""``review --class``: many learners' repositories, one table, one broken repository among them."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from dbkit.cli import review_run
from dbkit.review import classroom

CORPUS = Path(__file__).parent / "run_corpus"


def static(path: str) -> list:
    return review_run.static_findings(path, sql=False)


def make_class(folder: Path) -> Path:
    """alice renames with drop + add, bob renames for real, carol's clone has no migrations."""
    for learner, chain in (("alice", "drop_add"), ("bob", "helper_rename")):
        shutil.copytree(CORPUS / chain, folder / learner / "migrations" / "versions")
    (folder / "carol").mkdir(parents=True)
    (folder / "carol" / "README.md").write_text("I forgot to push my migrations\n")
    return folder


@pytest.mark.slow
@pytest.mark.bubblewrap
def test_a_class_folder_with_a_broken_repository_is_one_table_run_with_data(tmp_path: Path,
                                                                             pg_server) -> None:
    source = make_class(tmp_path / "class")

    result = classroom.review_class(source, static, run=True, jobs=2, server=pg_server)

    by_name = {learner.name: learner for learner in result.learners}
    assert list(by_name) == ["alice", "bob", "carol"]
    assert by_name["alice"].counts["rename-as-drop-add"] == 1 and by_name["alice"].errors >= 1
    assert by_name["alice"].findings[0]["confirmed"] is True
    assert by_name["bob"].errors == 0 and by_name["bob"].run["revisions"][1]["values"]
    assert "no" in by_name["carol"].problem.lower() and by_name["carol"].findings == []
    rows = list(csv.DictReader(io.StringIO(classroom.as_csv(result))))
    assert [r["learner"] for r in rows] == ["alice", "bob", "carol"]
    assert rows[0]["rename-as-drop-add"] == "1" and rows[1]["rename-as-drop-add"] == ""
    assert rows[2]["problem"] == by_name["carol"].problem
    page = classroom.as_html(result)
    assert page.count("<details id=") == 3 and 'href="#learner-alice"' in page
    assert "recruits.chatname lost" in page
    markdown = classroom.as_markdown(result).splitlines()
    assert markdown[0].startswith("| learner | errors |") and len(markdown) == 5


def test_a_list_file_names_repositories_and_a_missing_one_is_a_row_that_says_why(tmp_path: Path) -> None:
    make_class(tmp_path / "class")
    listing = tmp_path / "learners.txt"
    listing.write_text("# this term\nclass/bob\nclass/dave\n")

    result = classroom.review_class(listing, static)

    assert [x.name for x in result.learners] == ["bob", "dave"]
    assert result.learners[0].problem is None and result.learners[0].errors == 0
    assert "not a folder" in result.learners[1].problem
    text = classroom.as_text(result).splitlines()
    assert text[0].split()[:2] == ["learner", "errors"] and "not a folder" in text[2]


HOSTILE = 'eve|<img src=x onerror=alert(1)>,"q"'  # a folder name: a cell, a tag, a CSV field


def test_a_learners_name_is_escaped_in_the_markdown_html_and_csv_tables(tmp_path: Path) -> None:
    source = tmp_path / "class"
    shutil.copytree(CORPUS / "drop_add", source / HOSTILE / "migrations" / "versions")
    (source / "zed\nnext").mkdir()  # a newline in a name, and no migrations

    result = classroom.review_class(source, static)

    markdown = classroom.as_markdown(result).splitlines()
    assert len(markdown) == 4  # header, rule, one line per learner: the newline broke none
    assert markdown[2].startswith("| eve\\|&lt;img src=x onerror=alert(1)&gt;,&quot;q&quot; | ")
    assert markdown[2].count(" | ") == markdown[0].count(" | ")  # no extra cell
    assert markdown[3].startswith("| zed\\nnext | ")
    rows = list(csv.reader(io.StringIO(classroom.as_csv(result))))
    assert [r[0] for r in rows] == ["learner", HOSTILE, "zed\\nnext"]
    assert len({len(r) for r in rows}) == 1
    header, eve, zed = rows
    assert eve[header.index("errors")] not in ("", "0") and zed[header.index("errors")] == ""
    assert (eve[header.index("rename-as-drop-add")], zed[header.index("rename-as-drop-add")]) \
        == ("1", "")  # a count where there is one, blank where none
    assert eve[-1] == "" and zed[-1] != ""  # the problem: only the repository without migrations
    page = classroom.as_html(result)
    assert "<img" not in page and "eve|&lt;img src=x onerror=alert(1)&gt;" in page
    assert "zed\nnext" not in page and "zed\\nnext" in page
