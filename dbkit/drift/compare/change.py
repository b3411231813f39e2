"""One autogenerate diff, seen from the side that moved, and the registry of kinds.

Each kind of object compared (columns, tables, indexes, constraints) has its own
module that registers a :class:`Kind`: the names of Alembic's diff operations it
converts into a :class:`Change`, how such a change is described, the SQL that
undoes it, and the message that says it. ``messages.py`` and ``checks.py`` look
the kind up (:func:`kind_of`) instead of switching on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

# Which way a change goes: the moved side has it and the reference does not (extra), the
# reverse (missing), or both have it with other values (modified).
How = Literal["extra", "missing", "modified"]
# What changed: an object (column ... foreign key) or a property of a column (type ... comment).
What = Literal["column", "table", "index", "unique index", "unique constraint", "foreign key",
               "type", "nullability", "default", "comment"]
# Which side moved: the database (by hand) or the models (without a migration); and the
# revision stamped, for findings that are about the chain rather than a change.
Side = Literal["database", "models", "revision"]
DATABASE: Side = "database"
MODELS: Side = "models"
REVISION: Side = "revision"


@dataclass(frozen=True)
class Change:
    """One autogenerate diff, seen from the side that moved."""

    how: How
    what: What
    table: str
    column: str | None
    obj: Any = None
    moved: Any = None
    reference: Any = None
    type_sql: str | None = None
    existing: dict = field(default_factory=dict)


# A probable rename: (the column that went, the column that came instead).
Rename = tuple[Change, Change]

# (diff tuple, is the moved side the database?) -> Change, for one of Alembic's operation
# names ("add_column", "remove_fk", "modify_type", ...).
Converter = Callable[[tuple, bool], Change]


def how_of(diff: tuple, moved_side_is_database: bool) -> How:
    """``add_*``: only the metadata has it; ``remove_*``: only the database has it."""
    return "extra" if diff[0].startswith("remove_") == moved_side_is_database else "missing"


class Kind:
    """What drift knows about one kind of object: registered by its module in compare/.

    ``names``: the :data:`What` values it owns; ``operations``: Alembic's diff operations
    it converts; ``holds_data``: dropping it loses values (a column, a table).
    """

    names: tuple[What, ...] = ()
    operations: tuple[str, ...] = ()
    holds_data = False

    def convert(self, diff: tuple, moved_side_is_database: bool) -> Change:
        raise NotImplementedError

    def describe(self, change: Change) -> str:
        """'index ix_recruits_email on recruits(email)'."""
        name = getattr(change.obj, "name", None) or "(unnamed)"
        return f"{change.what} {name} on {change.table}({', '.join(sorted(columns_of(change.obj)))})"

    def undo_sql(self, change: Change) -> tuple[str, bool]:
        """SQL putting the database back as its revision has it, and whether it destroys data."""
        return "", False

    def message(self, change: Change, side: Side, at: str, stamped: str | None) -> str:
        """One finding, said for the side that moved (``at``: what the migrations reach)."""
        thing = self.describe(change)
        if side == DATABASE:
            if change.how == "extra":
                since = f" up to {stamped}" if stamped else ""
                return f"{thing} exists in the database, but no migration{since} created it"
            return f"{thing} is missing from the database, but {at} create it"
        if change.how == "extra":
            return f"the models have {thing}, but no migration creates it"
        return f"the migrations create {thing}, but the models do not have it"


KINDS: dict[str, Kind] = {}
CONVERTERS: dict[str, Converter] = {}


def registers(kind: type[Kind]) -> type[Kind]:
    """Class decorator: add a kind (and its diff operations) to the registry."""
    instance = kind()
    for name in kind.names:
        KINDS[name] = instance
    for operation in kind.operations:
        CONVERTERS[operation] = instance.convert
    return kind


def kind_of(change: Change) -> Kind:
    return KINDS[change.what]


def ddl(element: Any) -> str:
    """A SQLAlchemy DDL element as PostgreSQL SQL, ending in ``;``."""
    from sqlalchemy.dialects import postgresql

    return str(element.compile(dialect=postgresql.dialect())).strip() + ";"


def type_sql(type_: Any) -> str:
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.exc import CompileError

    try:
        return type_.compile(dialect=postgresql.dialect())
    except CompileError:  # a type PostgreSQL cannot render (NullType, another dialect's)
        return repr(type_)


def qualified(schema: str | None, name: str) -> str:
    return f"{schema}.{name}" if schema and schema != "public" else name


def table_name(table: Any) -> str:
    return qualified(table.schema, table.name)


def columns_of(obj: Any) -> set[str]:
    """The names of the columns of an index or constraint (none for anything else)."""
    from sqlalchemy.exc import InvalidRequestError

    try:
        return {c.name for c in obj.columns}
    except (AttributeError, InvalidRequestError):  # None, or not attached to a table
        return set()
