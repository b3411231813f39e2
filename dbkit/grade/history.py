"""``commits-often``: how many commits touched the chain or the models, read with git."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

GIT_TIMEOUT_S = 20
# A learner's .git/config is not ours to obey: no fsmonitor, hooks or pager run from it, and a
# clone owned by another user is still read.
SAFE = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "safe.directory=*",
        "--no-pager")


@dataclass
class History:
    commits: int | None  # None: not a git repository (or git failed)
    paths: list[str] = field(default_factory=list)  # the pathspecs counted
    first: str | None = None  # "abc1234 subject" of the oldest counted commit
    last: str | None = None
    branches: int = 0  # refs read (every branch: learners work on feature branches)
    problem: str | None = None


MODEL_GLOBS = (":(glob)**/models.py", ":(glob)**/model.py", ":(glob)**/models/**")


def read_history(repository: Path, paths: list[Path]) -> History:
    """Commits on any branch (merges left out) touching ``paths`` or a models file, ever."""
    repository = Path(repository).resolve()
    specs = []
    for path in paths:
        try:
            relative = str(Path(path).resolve().relative_to(repository))
        except ValueError:
            continue
        if relative not in specs:
            specs.append(relative)
    if _git(repository, "rev-parse", "--git-dir") is None:
        return History(None, specs, problem="not a git repository")
    refs = _git(repository, "for-each-ref", "--format=%(refname)", "refs/heads", "refs/remotes")
    log = _git(repository, "log", "--all", "--no-merges", "--format=%h %s", "--", *specs,
               *MODEL_GLOBS)
    if log is None:
        return History(None, specs, problem="git log failed")
    lines = [line for line in log.splitlines() if line.strip()]
    return History(len(lines), specs + ["models.py/model.py anywhere"],
                   lines[-1] if lines else None, lines[0] if lines else None,
                   len((refs or "").split()))


def _git(repository: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *SAFE, "-C", str(repository), *args], capture_output=True,
                              text=True, timeout=GIT_TIMEOUT_S, errors="replace",
                              env={"PATH": "/usr/local/bin:/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1",
                                   "HOME": "/nonexistent", "LC_ALL": "C"})
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
