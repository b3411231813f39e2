"""What every command prints the same way."""

from __future__ import annotations

import sys
from typing import TextIO

from dbkit import database


def announce(target: database.Target, stream: TextIO | None = None) -> None:
    """Say on stderr which database the command is about to touch (never the password)."""
    for line in database.announcement(target):
        print(line, file=stream or sys.stderr)


def say(line: str) -> None:
    """A note on stderr, apart from a command's output."""
    print(line, file=sys.stderr)
