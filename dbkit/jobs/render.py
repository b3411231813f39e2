"""In the sandbox process (any interpreter: see :mod:`dbkit.jobs`): a revision's upgrade() as
PostgreSQL SQL, for squawk (the host side is :mod:`dbkit.review.render`).

Alembic's offline mode (``as_sql``) with literal binds, so no ``%(name)s`` placeholder reaches
squawk; each statement is traced to the line of the revision that wrote it.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

PRELOAD = ("alembic.operations", "alembic.runtime.migration", "alembic.ddl.postgresql",
           "dbkit.alembic_compat", "dbkit.online")


def handle(job: dict) -> dict:  # pragma: no cover  (sandbox process, as the unprivileged user)
    from dbkit.jobs import prepend_sys_path

    prepend_sys_path(job.get("sys_path"))
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
    bind = context.impl.bind
    if bind is not None and not hasattr(bind, "url"):  # str(bind.engine.url).startswith(
        from sqlalchemy.engine import make_url  # "postgres"): PostgreSQL's branch (CTFd)

        bind.url = make_url("postgresql://")  # type: ignore[attr-defined]
    origins: dict[int, int] = {}
    write = context.impl.static_output
    spec = importlib.util.spec_from_file_location(f"dbkit_review_{abs(hash(str(path)))}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path.name} is not a Python file")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    filename = module.upgrade.__code__.co_filename

    def traced_output(text: str) -> None:
        line = alembic_compat.calling_line(filename)
        if line is not None:
            origins[buffer.getvalue().count("\n") + 1] = line
        write(text)

    context.impl.static_output = traced_output  # type: ignore[method-assign]
    with Operations.context(context), alembic_compat.environment(context), \
            alembic_compat.per_migration_transaction(context):
        for args, keywords in calls(module):
            module.upgrade(*args, **keywords)
    return buffer.getvalue(), origins


def calls(module: object) -> list[tuple[tuple, dict]]:
    """The arguments to call upgrade() with, as Alembic's templates and a project's env.py
    would: none; the multidb template's ``upgrade(engine_name)`` once per ``upgrade_<engine>``
    function of the file; any other required parameter (what env.py passes through
    ``context.run_migrations(**kw)``, keyword-only ones included) a stand-in by its name
    (:mod:`dbkit.jobs.stand_ins`: ``op`` is Alembic's op, ``tables`` makes tables)."""
    import inspect

    from dbkit.jobs.stand_ins import for_parameter, given_op

    try:
        every = inspect.signature(module.upgrade).parameters.values()  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return [((), {})]
    params = [p for p in every if p.default is p.empty
              and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    keywords = {p.name: for_parameter(p.name) for p in every
                if p.default is p.empty and p.kind is p.KEYWORD_ONLY}
    keywords.update(given_op(module.upgrade))  # type: ignore[attr-defined]
    rest = [for_parameter(p.name) for p in params[1:]]
    if params and params[0].name == "engine_name":
        engines = sorted(name[len("upgrade_"):] for name in vars(module)
                         if name.startswith("upgrade_") and callable(getattr(module, name)))
        return [((engine, *rest), keywords) for engine in engines] or [
            ((None, *rest), keywords)]
    return [(tuple(for_parameter(p.name) for p in params), keywords)]
