"""One autogenerate diff, seen from the side that moved, and the registry of converters.

Each kind of object compared (columns, tables, indexes, constraints) has its
own module that registers, for the names of Alembic's diff operations it
knows, a function turning one diff into a :class:`Change`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Change:
    """One autogenerate diff, seen from the side that moved.

    ``extra``: the moved side has it and the reference does not; ``missing``: the
    reverse; ``modified``: both have it, with ``moved`` and ``reference`` values.
    """

    how: str  # extra | missing | modified
    what: str  # column | table | index | unique constraint | foreign key | type | nullability | default
    table: str
    column: str | None
    obj: Any = None
    moved: Any = None
    reference: Any = None
    type_sql: str | None = None
    existing: dict = field(default_factory=dict)


# A probable rename: (the column that went, the column that came instead).
Rename = tuple[Change, Change]

# (diff tuple, how) -> Change, per Alembic operation name ("add_column", "remove_fk", ...).
Converter = Callable[[tuple, str], Change]
CONVERTERS: dict[str, Converter] = {}


def converts(*operations: str) -> Callable[[Converter], Converter]:
    """Register a converter for Alembic's diff operations of one kind of object."""
    def register(function: Converter) -> Converter:
        for operation in operations:
            CONVERTERS[operation] = function
        return function
    return register


def type_sql(type_: Any) -> str:
    from sqlalchemy.dialects import postgresql

    try:
        return type_.compile(dialect=postgresql.dialect())
    except Exception:  # a type PostgreSQL cannot render: say what it is
        return repr(type_)


def qualified(schema: str | None, name: str) -> str:
    return f"{schema}.{name}" if schema and schema != "public" else name


def table_name(table: Any) -> str:
    return qualified(table.schema, table.name)


def columns_of(obj: Any) -> set[str]:
    try:
        return {c.name for c in obj.columns}
    except Exception:
        return set()
