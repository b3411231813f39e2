"""Diff to changes: Alembic's autogenerate comparison, turned into :class:`Change` objects.

``diff`` runs Alembic's own comparison of a database with a MetaData;
``changes_from`` turns each of Alembic's diffs into a :class:`Change` seen from
the side that moved, through the :class:`Kind` that the module of its kind of
object registered (every module of this package is imported, and registers
itself: ``columns``, ``tables``, ``indexes``, ``constraints``, ...);
``fold`` pairs a dropped and an added column into a probable rename and leaves
out what only follows from a table or column added or dropped.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import pkgutil
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from dbkit.drift.compare.change import (
    CONVERTERS,
    DATABASE,
    MODELS,
    REVISION,
    Change,
    Kind,
    Rename,
    Side,
    columns_of,
    kind_of,
    qualified,
    table_name,
    type_sql,
)

if TYPE_CHECKING:
    from sqlalchemy import MetaData
    from sqlalchemy.engine import Connection

__all__ = ["DATABASE", "MODELS", "REVISION", "Change", "Kind", "Rename", "Side", "against_revision",
           "changes_from", "columns_of", "diff", "fold", "kind_of", "qualified", "quiet", "reflect",
           "table_name", "type_sql"]

log = logging.getLogger(__name__)

# Each kind's module registers itself (change.registers): a new kind is a new module here.
for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")


def changes_from(diffs: list, moved_side_is_database: bool) -> list[Change]:
    """Alembic's diffs (``add_*``: in the metadata only; ``remove_*``: in the database only)."""
    result: list[Change] = []
    for one in diffs:
        for each in one if isinstance(one, list) else [one]:  # modify_* come grouped per column
            converter = CONVERTERS.get(each[0])
            if converter is None:
                log.debug("diff not described: %r", each)
                continue
            result.append(converter(each, moved_side_is_database))
    return result


def referred_table(change: Change) -> str | None:
    from sqlalchemy.exc import NoReferencedTableError

    if change.what != "foreign key":
        return None
    try:
        return table_name(change.obj.referred_table)
    except NoReferencedTableError:  # the referred table is not in this MetaData
        return None


def fold(changes: list[Change]) -> list[Change | Rename]:
    """Pair a missing and an extra column of one type on one table into a probable rename,
    and drop index and constraint changes that only follow from a column added or dropped."""
    column_changes = [c for c in changes if c.what == "column"]
    renames: list[Rename] = []
    used: set[int] = set()
    for gone in (c for c in column_changes if c.how == "missing"):
        for new in (c for c in column_changes if c.how == "extra"):
            if id(new) not in used and new.table == gone.table and new.type_sql == gone.type_sql:
                renames.append((gone, new))
                used |= {id(gone), id(new)}
                break
    moved_columns = {(c.table, c.column) for c in column_changes}
    moved_tables = {c.table for c in changes if c.what == "table"}
    folded: list[Change | Rename] = list(renames)
    for change in changes:
        if id(change) in used:
            continue
        if change.what not in ("column", "table") and (
                change.table in moved_tables or referred_table(change) in moved_tables
                or any((change.table, name) in moved_columns for name in columns_of(change.obj))):
            continue
        folded.append(change)
    return folded


# -- reading schemas ---------------------------------------------------------------------------

@contextlib.contextmanager
def quiet(logger_name: str = "alembic") -> Iterator[None]:
    """Silence Alembic's INFO lines about the scratch database: they are not about yours."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def include_name(every_schema: bool) -> Callable[[str | None, str, Any], bool]:
    """Alembic's filter: what env.py leaves out of autogenerate (``dbkit.state``'s tables),
    never Alembic's version table; other schemas than public on request."""
    from dbkit import state

    def include(name: str | None, type_: str, parent_names: Any) -> bool:
        if type_ == "schema":
            return every_schema or name in (None, "public")
        if type_ == "table" and name == "alembic_version":
            return False
        return state.include_name(name, type_, parent_names)
    return include


def diff(connection: Connection, metadata: MetaData, every_schema: bool = False) -> list:
    """Alembic's autogenerate comparison of ``connection`` (the database side) with ``metadata``."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with quiet():
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "compare_server_default": True,
            "include_schemas": every_schema, "include_name": include_name(every_schema)})
        return compare_metadata(context, metadata)


def schemas(connection: Connection) -> list[str | None]:
    """The schemas of a database that hold our tables: public (as None) and any made by hand
    or by migrations (archive), not PostgreSQL's own."""
    import sqlalchemy as sa

    names = sa.inspect(connection).get_schema_names()
    return [None] + sorted(n for n in names if n not in ("public", "information_schema")
                           and not n.startswith("pg_"))


def reflect(connection: Connection) -> MetaData:
    """Every table of every schema of ``connection`` (the scratch database), as MetaData."""
    import sqlalchemy as sa

    metadata = sa.MetaData()
    for schema in schemas(connection):
        metadata.reflect(connection, schema=schema)
    version = metadata.tables.get("alembic_version")
    if version is not None:
        metadata.remove(version)
    return metadata


KEPT_BY_DOWNGRADE = "dbkit: kept"  # the comment a downgrade puts on a table of what it dropped


def against_revision(live: Connection, scratch: Connection) -> list:
    """The live database against the scratch one, in every schema either of them has.

    A table a downgrade filled with what it dropped (commented ``dbkit: kept ...``)
    belongs to no revision: the re-upgrade empties it. It is not drift.
    """
    return [d for d in diff(live, reflect(scratch), every_schema=True)
            if not (isinstance(d, tuple) and d[0] == "remove_table"
                    and (d[1].comment or "").startswith(KEPT_BY_DOWNGRADE))]
