"""A revision's upgrade() as PostgreSQL SQL, for squawk.

The one place where the reviewer executes a revision's code, and never in our own process:
the revisions of a review are rendered in one sandbox process (``dbkit.sandbox``: as an
unprivileged user, in an empty folder, with a clean environment, without the repository's
``models.py`` or ``env.py``, with a time limit per revision and one for the review).
Bound values are rendered as literals (``literal_binds``), so no ``%(name)s`` placeholder
reaches squawk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dbkit import sandbox

REVISION_TIMEOUT_S = 10.0
REVIEW_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Rendered:
    sql: str
    origins: dict[int, int]  # SQL line -> line of the revision file


class NotRendered(Exception):
    """The upgrade could not be rendered; ``reason`` (also ``str()``) says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def render_upgrades(paths: Iterable[Path], timeout_s: float = REVISION_TIMEOUT_S,
                    total_timeout_s: float = REVIEW_TIMEOUT_S) -> dict[Path, Rendered | NotRendered]:
    """Every revision's upgrade() as SQL, rendered in one sandbox process where possible.

    A revision that fails, hangs past ``timeout_s`` or ends the process gets a NotRendered
    with the reason; the others still render (a fresh process takes over after a crash).
    """
    paths = list(paths)
    jobs = [{"file": i, "sys_path": [str(p) for p in _sys_path]} for i in range(len(paths))]
    outcomes = sandbox.run_jobs("dbkit.jobs.render", jobs, files=paths,
                                job_timeout_s=timeout_s, total_timeout_s=total_timeout_s,
                                python=_python, mounts_ro=_sys_path)
    results: dict[Path, Rendered | NotRendered] = {}
    for path, outcome in zip(paths, outcomes, strict=True):
        if isinstance(outcome, sandbox.Failed):
            results[path] = NotRendered(outcome.reason)
        else:
            results[path] = Rendered(outcome["sql"],
                                     {int(k): v for k, v in outcome["origins"].items()})
    return results


def render_upgrade(path: Path, timeout_s: float = REVISION_TIMEOUT_S) -> tuple[str, dict[int, int]]:
    """The PostgreSQL SQL of one revision's upgrade(), and SQL line -> revision-file line.

    Raises NotRendered (with the reason) when the sandbox could not render it. The first call
    for a folder renders all of its revisions in one sandbox process and keeps the results
    (keyed by file content), so a review calling this once per revision starts one process.
    """
    key = _key(path)
    if key not in _cache:
        siblings = sorted(p for p in Path(path).parent.glob("*.py") if p.name != "__init__.py")
        if Path(path) not in siblings:
            siblings.append(Path(path))
        batch = {p: _key(p) for p in siblings}
        todo = [p for p, k in batch.items() if k not in _cache]
        for p, outcome in render_upgrades(
                todo, timeout_s, total_timeout_s=timeout_s * len(todo) + sandbox.STARTUP_TIMEOUT_S).items():
            _cache[batch[p]] = outcome
    result = _cache[key]
    if isinstance(result, NotRendered):
        raise result
    return result.sql, result.origins


_cache: dict[tuple[str, bytes, str], Rendered | NotRendered] = {}
_python: Path | None = None
_sys_path: list[Path] = []


def use_python(python: Path | None, sys_path: list[Path] | None = None) -> None:
    """Render with the project's own interpreter (``--python``; checked by the caller), its
    environment mounted read-only, so that revisions importing the application render;
    ``sys_path``: the project's ``prepend_sys_path`` folders, mounted read-only and put first
    on ``sys.path`` as Alembic does."""
    global _python, _sys_path
    _python, _sys_path = python, list(sys_path or [])


def _key(path: Path) -> tuple[str, bytes, str]:
    import hashlib

    try:  # never through a link, never waiting on a FIFO
        content = sandbox.read_regular_file(Path(path))
    except sandbox.NotCopied as exc:
        content = f"not copied: {exc}".encode()
    return str(Path(path).resolve()), hashlib.sha256(content).digest(), str(_python or "")


# The sandbox side moved to dbkit.jobs.render (it runs with the project's interpreter under
# --python); these names stay for the callers that name this module as a sandbox worker.
from dbkit.jobs.render import PRELOAD, calls, handle  # noqa: E402

__all__ = ["PRELOAD", "NotRendered", "Rendered", "calls", "handle", "render_upgrade",
           "render_upgrades", "use_python"]
