"""A revision's upgrade() as PostgreSQL SQL, for squawk.

The one place where the reviewer executes a revision's code, and never in our own process:
the revisions of a review are rendered in one sandbox process (``dbkit.sandbox``: as an
unprivileged user, in an empty folder, with a clean environment, without the repository's
``models.py`` or ``env.py``, with a time limit per revision and one for the review).
Bound values are rendered as literals (``literal_binds``), so no ``%(name)s`` placeholder
reaches squawk.
"""

from __future__ import annotations

import importlib.util
import io
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
    jobs = [{"file": i} for i in range(len(paths))]
    outcomes = sandbox.run_jobs("dbkit.review.render", jobs, files=paths,
                                job_timeout_s=timeout_s, total_timeout_s=total_timeout_s)
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


_cache: dict[tuple[str, bytes], Rendered | NotRendered] = {}


def _key(path: Path) -> tuple[str, bytes]:
    import hashlib

    try:  # never through a link, never waiting on a FIFO
        content = sandbox.read_regular_file(Path(path))
    except sandbox.NotCopied as exc:
        content = f"not copied: {exc}".encode()
    return str(Path(path).resolve()), hashlib.sha256(content).digest()


# --- in the sandbox process ---------------------------------------------------------------------

PRELOAD = ("alembic.operations", "alembic.runtime.migration", "alembic.ddl.postgresql",
           "dbkit.alembic_compat", "dbkit.online")


def handle(job: dict) -> dict:  # pragma: no cover  (sandbox process, as the unprivileged user)
    sql, origins = _render(Path(job["file"]))
    return {"sql": sql, "origins": {str(k): v for k, v in origins.items()}}


def _render(path: Path) -> tuple[str, dict[int, int]]:
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    from dbkit import alembic_compat

    buffer = io.StringIO()
    context = MigrationContext.configure(dialect_name="postgresql", opts={
        "as_sql": True, "output_buffer": buffer, "transaction_per_migration": True,
        "literal_binds": True})
    origins: dict[int, int] = {}
    write = context.impl.static_output
    spec = importlib.util.spec_from_file_location(f"dbkit_review_{abs(hash(str(path)))}", path)
    if spec is None or spec.loader is None:
        raise NotRendered(f"{path.name} is not a Python file")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    filename = module.upgrade.__code__.co_filename

    def traced_output(text: str) -> None:
        line = alembic_compat.calling_line(filename)
        if line is not None:
            origins[buffer.getvalue().count("\n") + 1] = line
        write(text)

    context.impl.static_output = traced_output  # type: ignore[method-assign]
    with Operations.context(context), alembic_compat.per_migration_transaction(context):
        for args in calls(module):
            module.upgrade(*args)
    return buffer.getvalue(), origins


def calls(module: object) -> list[tuple]:
    """The arguments to call upgrade() with, as Alembic's templates would: none; the
    multidb template's ``upgrade(engine_name)`` once per ``upgrade_<engine>`` function of the
    file; any other required parameter None (a revision that reads it gets its default)."""
    import inspect

    try:
        params = [p for p in inspect.signature(module.upgrade).parameters.values()  # type: ignore[attr-defined]
                  if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return [()]
    if not params:
        return [()]
    if params[0].name == "engine_name":
        engines = sorted(name[len("upgrade_"):] for name in vars(module)
                         if name.startswith("upgrade_") and callable(getattr(module, name)))
        return [(engine, *[None] * (len(params) - 1)) for engine in engines] or [
            tuple([None] * len(params))]
    return [tuple([None] * len(params))]
