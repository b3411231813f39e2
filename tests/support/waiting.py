"""Waiting for a condition instead of sleeping a fixed time."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import IO, TypeVar

T = TypeVar("T")


def wait_for(condition: Callable[[], T], timeout: float = 60.0, what: str = "it",
             interval: float = 0.02) -> T:
    """Poll ``condition`` until it gives something true, and return that; fail after ``timeout``
    (a guard against a hang, not a measure of speed)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(interval)


def read_until(stream: IO[str] | None, ending: str) -> str:
    """Read a child's output pipe until it ends with ``ending`` (a prompt without a newline),
    or until the child closes it."""
    assert stream is not None
    seen = b""
    while not seen.decode(errors="replace").endswith(ending):
        byte = os.read(stream.fileno(), 1)
        if not byte:
            break
        seen += byte
    return seen.decode(errors="replace")
