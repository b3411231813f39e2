"""A revision's upgrade() as PostgreSQL SQL, for squawk.

The one place where the reviewer executes a revision's code.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

from dbkit import alembic_compat


def render_upgrade(path: Path) -> tuple[str, dict[int, int]]:
    """The PostgreSQL SQL of a revision's upgrade(), and SQL line -> revision-file line.

    Loads the revision module by path (its own imports run; the project's
    models and env.py do not) and runs upgrade() against an offline context.
    """
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    buffer = io.StringIO()
    context = MigrationContext.configure(dialect_name="postgresql", opts={
        "as_sql": True, "output_buffer": buffer, "transaction_per_migration": True})
    origins: dict[int, int] = {}
    write = context.impl.static_output
    spec = importlib.util.spec_from_file_location(f"dbkit_review_{abs(hash(str(path)))}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    filename = module.upgrade.__code__.co_filename

    def traced_output(text: str) -> None:
        line = alembic_compat.calling_line(filename)
        if line is not None:
            origins[buffer.getvalue().count("\n") + 1] = line
        write(text)

    context.impl.static_output = traced_output
    with Operations.context(context), alembic_compat.per_migration_transaction(context):
        module.upgrade()
    return buffer.getvalue(), origins
