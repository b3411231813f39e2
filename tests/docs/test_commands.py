"""Every command printed in a markdown file is one a user can copy: it parses, `-x` comes first.

Alembic takes ``-x`` only before the subcommand (``alembic -x confirm=prod downgrade -1``);
``alembic downgrade -1 -x confirm=prod`` is rejected. This checks every markdown file of the
repository, prose included, and every bash/sh/console block parses.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from support.transcripts import PROJECT_ROOT, Block, blocks, late_x_options, shell_problems


def markdown_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.md"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, check=True).stdout
    return sorted(PROJECT_ROOT / p for p in listed.split() if (PROJECT_ROOT / p).is_file())


FILES = markdown_files()
IDS = [str(p.relative_to(PROJECT_ROOT)) for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_no_alembic_command_puts_x_after_the_subcommand(path: Path) -> None:
    assert late_x_options(path.read_text()) == []


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_shell_block_parses(path: Path) -> None:
    assert [p for b in blocks(path) for p in shell_problems(b)] == []


def test_the_x_check_finds_a_late_x() -> None:
    assert late_x_options("run `alembic upgrade head -x allow_drift=yes` now") == [
        "alembic upgrade head -x allow_drift=yes"]
    assert late_x_options("alembic revision --autogenerate -m \"Rename\" \\\n    -x rename=a.b:c\n")
    assert late_x_options("ENV=prod alembic -x confirm=prod downgrade -1") == []
    assert late_x_options("alembic -c alembic.ini -x backup=off upgrade head; echo -x") == []


def test_the_parse_check_finds_a_command_that_cannot_run() -> None:
    assert shell_problems(Block("sh", [], "alembic stamp <revision>\n", line=1))
    assert shell_problems(Block("console", [], "$ echo 'unclosed\n", line=1))
    assert shell_problems(Block("sh", [], "alembic stamp 0006  # <revision>\n", line=1)) == []


LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
TEST_REFERENCE = re.compile(r"`(tests/[\w/.-]+\.py)(?:::(\w+))?")


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_relative_link_leads_to_a_file(path: Path) -> None:
    targets = [(path.parent / t).resolve() for t in LINK.findall(path.read_text()) if "://" not in t]
    assert [str(t) for t in targets if not t.exists()] == []


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_test_named_in_the_docs_exists(path: Path) -> None:
    missing = []
    for file, function in TEST_REFERENCE.findall(path.read_text()):
        source = PROJECT_ROOT / file
        if not source.is_file() or (function and f"def {function}(" not in source.read_text()):
            missing.append(f"{file}::{function}" if function else file)
    assert missing == []


def test_no_message_or_template_puts_x_after_the_subcommand() -> None:
    sources = [*PROJECT_ROOT.glob("dbkit/**/*.py"), *PROJECT_ROOT.glob("migrations/**/*.py"),
               *PROJECT_ROOT.glob("migrations/*.mako"), *PROJECT_ROOT.glob("*.py")]
    found = {(str(p.relative_to(PROJECT_ROOT)), hit)
             for p in sources for hit in late_x_options(p.read_text())}
    assert found == set()
