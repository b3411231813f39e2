"""Every transcript of the docs runs as printed (see transcripts.py for the format).

One test per page; its console blocks run in order in one fresh environment. README.md's run
in ``make test``. The pages of docs/ and LEARN.md start dozens of alembic and dbkit processes
(about a minute of CPU together), more than ``make test`` can afford on a shared 2-core
machine, so they run under ``make docs`` (``DBKIT_DOCS=1``), which ``make walkthrough`` and
CI run too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.transcripts import PROJECT_ROOT, Block, Environment, blocks, matches, normalise, run_page

ALL_PAGES = bool(os.environ.get("DBKIT_DOCS"))


def pages() -> list:
    found = [PROJECT_ROOT / "README.md", PROJECT_ROOT / "LEARN.md",
             *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
    params = []
    for page in found:
        if not page.is_file() or not any(b.runs for b in blocks(page)):
            continue
        marks = [] if page.name == "README.md" else [
            pytest.mark.slow,
            pytest.mark.skipif(not ALL_PAGES, reason="the pages' transcripts run under `make docs`")]
        params.append(pytest.param(page, marks=marks, id=str(page.relative_to(PROJECT_ROOT))))
    return params


@pytest.mark.parametrize("page", pages())
def test_the_transcripts_of_a_page_run_as_printed(page: Path) -> None:
    run_page(page)


@pytest.mark.slow
def test_a_page_that_no_longer_matches_the_run_fails_in_an_environment_of_its_own(
        tmp_path: Path) -> None:
    """The harness itself: a copy on servers of its own; a wrong line fails, naming the command."""
    page = tmp_path / "page.md"
    page.write_text(
        "```console\n$ ENV=prod alembic current\nUsing the prod database 127.0.0.1:5434/recruits_prod"
        " (.env.prod)\n...\n$ python -m dbkit nonsense\nerror: unknown command 'nonsense'\n...\n"
        "(exit 2)\n```\n"
        "```console\n$ ENV=dev alembic current\nUsing the prod database 127.0.0.1:5434/recruits_prod"
        " (.env.prod)\n```\n")
    with pytest.raises(AssertionError, match=r"page.md:11: \$ ENV=dev alembic current"):
        run_page(page)

    env = Environment()
    try:
        assert set(env.ports.values()).isdisjoint({5433, 5434})
        assert f":{env.ports['prod']}/" in (env.repo / ".env.prod").read_text()
        code, out = env.run("pwd; test ! -e .git")
        assert (code, out) == (0, ["/path/to/repo"]), out
        code, out = env.run("false")
        assert code == 1
    finally:
        env.close()
    assert not env.root.exists()


def test_output_is_compared_line_by_line_with_dots_for_what_varies() -> None:
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "...", "b"], ["a", "b"])
    assert matches(["took ... to run"], ["took 3 tries to run"])
    assert not matches(["a", "d"], ["a", "b", "d"])
    assert not matches(["a"], ["a", "b"])
    assert not matches(["took ... to run"], ["took", "3 to run"])
    assert normalise("backups/prod-20261121T101503Z-0007-to-0008.dump, 0.43 s, pid 123") == \
        "backups/prod-<STAMP>-0007-to-0008.dump, <DURATION>, pid <PID>"
    assert normalise("Create Date: 2026-12-02 05:11:42.123456") == "Create Date: <TIMESTAMP>"


def test_a_block_splits_into_commands_with_output_and_exit_code() -> None:
    block = Block("console", [], "$ one \\\n  --flag\nout\n\n(exit 3)\n$ two\n", line=10)
    one, two = block.commands()
    assert (one.text, one.expected, one.exit_code, one.line) == ("one \\\n  --flag", ["out"], 3, 11)
    assert (two.text, two.expected, two.exit_code, two.line) == ("two", [], 0, 16)
    assert not Block("console", ["no-run"], "$ make up\n", line=1).runs
