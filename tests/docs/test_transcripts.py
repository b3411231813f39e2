"""Every transcript of the docs runs as printed (see transcripts.py for the format).

One test per page; its console blocks run in order in one fresh environment. LEARN.md walks
the whole exercise and is slow, so it runs under ``make walkthrough`` (``DBKIT_LEARN=1``),
not in ``make test``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from transcripts import PROJECT_ROOT, Block, Environment, blocks, matches, normalise, run_page


def pages() -> list[Path]:
    found = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
    return [p for p in found if any(b.runs for b in blocks(p))]


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_the_transcripts_of_a_page_run_as_printed(page: Path) -> None:
    run_page(page)


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("DBKIT_LEARN"), reason="LEARN.md runs under `make walkthrough`")
@pytest.mark.skipif(not (PROJECT_ROOT / "LEARN.md").exists(), reason="no LEARN.md yet")
def test_the_transcripts_of_learn_md_run_as_printed() -> None:
    run_page(PROJECT_ROOT / "LEARN.md")


def test_a_page_that_no_longer_matches_the_run_fails(tmp_path: Path) -> None:
    """The harness itself: a wrong line, a wrong exit code and a wrong database all fail."""
    page = tmp_path / "page.md"
    page.write_text(
        "```console\n$ ENV=prod alembic current\nUsing the prod database 127.0.0.1:5434/recruits_prod"
        " (.env.prod)\n...\n$ python -m dbkit nonsense\nerror: unknown command 'nonsense'\n...\n"
        "(exit 2)\n```\n"
        "```console\n$ ENV=dev alembic current\nUsing the prod database 127.0.0.1:5434/recruits_prod"
        " (.env.prod)\n```\n")
    with pytest.raises(AssertionError, match=r"page.md:11: \$ ENV=dev alembic current"):
        run_page(page)


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


def test_the_environment_is_a_copy_on_servers_of_its_own() -> None:
    env = Environment()
    try:
        assert set(env.ports.values()).isdisjoint({5433, 5434})
        code, out = env.run("ENV=prod alembic current; pwd; test ! -e .git")
        assert code == 0, out
        assert out[0] == "Using the prod database 127.0.0.1:5434/recruits_prod (.env.prod)", out
        assert out[-1] == "/path/to/repo", out
    finally:
        env.close()
    assert not env.root.exists()
