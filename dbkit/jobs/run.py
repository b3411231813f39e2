"""In the sandbox process (any interpreter: see :mod:`dbkit.jobs`): apply one revision's
upgrade() or downgrade() to a database.

Connects as the unprivileged role the run made for this repository (never a superuser),
through Alembic's own online MigrationContext, one transaction per revision as Alembic runs
them (the ``dbkit.online`` helpers commit in steps inside ``autocommit_block``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

PRELOAD = ("alembic.operations", "alembic.runtime.migration", "alembic.ddl.postgresql",
           "sqlalchemy.pool", "dbkit.alembic_compat", "dbkit.online")

_modules: dict[str, ModuleType] = {}


def handle(job: dict) -> dict:  # pragma: no cover  (sandbox process, as the unprivileged user)
    import sqlalchemy as sa
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    from dbkit import alembic_compat
    from dbkit.jobs import prepend_sys_path
    from dbkit.jobs.stand_ins import given_op

    prepend_sys_path(job.get("sys_path"))
    if job["direction"] == "create_all":
        return create_all(job["target"], job["url"])
    module = _load(job["file"])
    function = getattr(module, job["direction"], None)
    if function is None:
        raise LookupError(f"the revision has no {job['direction']}()")
    needed = required_parameters(function)
    if needed:
        raise TypeError(f"{job['direction']}() takes {', '.join(needed)}, which the project's "
                        "env.py passes (context.run_migrations(**kw)): the run cannot supply "
                        "them")
    engine = sa.create_engine(job["url"], poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection=connection, opts={"transaction_per_migration": True})
            with Operations.context(context), alembic_compat.environment(context), \
                    alembic_compat.per_migration_transaction(context):
                function(**given_op(function))  # upgrade(op=None): CTFd's plugins
            if connection.in_transaction():
                connection.commit()
    finally:
        engine.dispose()
    return {"done": True}


def create_all(target: str, url: str) -> dict:  # pragma: no cover  (sandbox process)
    """``module:attribute`` (``app.models:db.metadata``, ``app.models:Base``): the models'
    MetaData, created on the database at ``url`` (``metadata.create_all``)."""
    import importlib

    import sqlalchemy as sa

    module_name, _, attributes = target.partition(":")
    found: object = importlib.import_module(module_name)
    for attribute in attributes.split("."):
        found = getattr(found, attribute)
    metadata = found if isinstance(found, sa.MetaData) else getattr(found, "metadata", None)
    if not isinstance(metadata, sa.MetaData):
        raise TypeError(f"{target} is not a MetaData (nor has a .metadata)")
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        metadata.create_all(engine)
    finally:
        engine.dispose()
    return {"tables": len(metadata.tables)}


def required_parameters(function: object) -> list[str]:
    """The parameters without a default that Alembic's plain env.py would not pass."""
    import inspect

    try:
        params = inspect.signature(function).parameters.values()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return []
    return [p.name for p in params if p.default is p.empty
            and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]


def _load(path: str) -> ModuleType:
    if path not in _modules:
        spec = importlib.util.spec_from_file_location(f"dbkit_run_{len(_modules)}", path)
        if spec is None or spec.loader is None:
            raise ImportError(f"{Path(path).name} is not a Python file")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _modules[path] = module
    return _modules[path]
