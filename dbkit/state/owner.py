"""Which process made a folder (a sandbox's, a throwaway server's), and whether it is gone.

The folder holds ``owner``: the pid and the start time of its process (``/proc/<pid>/stat``),
so a pid reused by another program does not count as the owner. The next run removes
what a killed one (SIGKILL: no cleanup) left behind, and nothing whose owner still runs.
"""

from __future__ import annotations

import os
from pathlib import Path

OWNER_FILE = "owner"


def start_time(pid: int) -> str | None:
    """The start time of process ``pid`` (clock ticks since boot), None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()[19]


def claim(folder: Path) -> None:
    """Write ``folder/owner``: this process."""
    (Path(folder) / OWNER_FILE).write_text(f"{os.getpid()} {start_time(os.getpid())}\n")


def owner_gone(folder: Path) -> bool:
    """True when the process named in ``folder/owner`` no longer runs (False without one)."""
    try:
        pid, started = (Path(folder) / OWNER_FILE).read_text().split()
        return start_time(int(pid)) != started
    except (OSError, ValueError):
        return False
