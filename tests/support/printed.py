"""The commands the tools print, read back out of their output and run or parsed as printed."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from support.commands import PROJECT_ROOT

# comment line of a generated file.
BACKTICKED = re.compile(r"`((?:ENV=\w+ )?(?:alembic|python -m dbkit) [^`]*)`")
COMMENTED = re.compile(r"^#\s+((?:ENV=\w+ )?alembic .*)$", re.MULTILINE)


def commands_in(text: str) -> list[str]:
    return BACKTICKED.findall(text) + COMMENTED.findall(text)


def split(command: str) -> tuple[dict[str, str], list[str]]:
    """``ENV=prod alembic upgrade head`` -> ({"ENV": "prod"}, ["alembic", "upgrade", "head"])."""
    words = shlex.split(command)
    env = {}
    while words and re.fullmatch(r"\w+=.*", words[0]):
        key, _, value = words.pop(0).partition("=")
        env[key] = value
    return env, words


def assert_parses(command: str) -> None:
    """Alembic's or dbkit's own argument parser accepts ``command`` as printed."""
    from alembic.config import CommandLine

    from dbkit.cli import COMMANDS

    _, words = split(command)
    if words[0] == "alembic":
        try:
            CommandLine(prog="alembic").parser.parse_args(words[1:])
        except SystemExit as exc:
            raise AssertionError(f"alembic rejects the printed command: {command}") from exc
    else:
        assert words[:3] == ["python", "-m", "dbkit"] and words[3] in COMMANDS, command


def run_printed(command: str, url: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess:
    """Run ``command`` as a user would type it in ``cwd``, on the database ``url``."""
    env_vars, words = split(command)
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    environ.update(env_vars, DATABASE_URL=url, PYTHONPATH=str(PROJECT_ROOT))
    if words[0] == "alembic":
        words = [sys.executable, "-m", "alembic", *words[1:]]
    elif words[0] == "python":
        words = [sys.executable, *words[1:]]
    return subprocess.run(words, cwd=cwd, env=environ, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)
