"""The chain's schema as the catalog sees it, and the chain run in-process (the migration tests').

``schema_of(connection)`` reads every table, column (type, nullability, default),
constraint (with its definition and whether it is validated), index and sequence
of a database from ``pg_catalog``, so two databases can be compared exactly:
after a downgrade to r, the database must be what a fresh upgrade to r makes.

Tables a downgrade keeps its data in (``archive.*`` with a comment that starts
``dbkit: kept``) are left out, with what they own: they are not part of any
revision's schema, they hold the values the re-upgrade puts back. Column order
is not compared: a column a downgrade adds back comes last, as it would with
any ``ALTER TABLE ... ADD COLUMN``.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from dbkit import revisions
from dbkit.state.marker import MARKER_TABLE
from support.commands import alembic

KEPT = "dbkit: kept"  # how a downgrade's kept-data table is recognised (its comment)
CHAIN = [script.revision for script in reversed(list(revisions.script_directory().walk_revisions()))]
NOT_OURS = ("alembic_version", MARKER_TABLE)

RELATIONS = """
SELECT c.oid, n.nspname || '.' || c.relname AS name, c.relkind,
       coalesce(obj_description(c.oid, 'pg_class'), '') AS comment,
       (SELECT d.refobjid FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
          AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
          AND d.deptype IN ('a', 'i') LIMIT 1) AS owner
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
  AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i')
"""
COLUMNS = """
SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated
FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid = ANY(:oids)
"""
CONSTRAINTS = """
SELECT conrelid, conname, contype, pg_get_constraintdef(oid), convalidated, condeferrable
FROM pg_constraint WHERE conrelid = ANY(:oids)
"""
INDEXES = """
SELECT i.indrelid, c.relname, pg_get_indexdef(i.indexrelid), i.indisvalid
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ANY(:oids)
"""
SCHEMAS = "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' " \
          "AND nspname <> 'information_schema'"


def schema_of(connection: sa.Connection) -> dict[str, Any]:
    """Every schema object of the database, as comparable plain data (see the module docstring)."""
    relations = connection.execute(sa.text(RELATIONS)).all()
    kept = {r.oid for r in relations if r.relkind == "r" and r.comment.startswith(KEPT)}
    tables = {r.oid: r.name for r in relations if r.relkind in ("r", "p")
              and r.oid not in kept and r.name.split(".")[1] not in NOT_OURS}
    oids = list(tables)
    result: dict[str, Any] = {
        name: {"comment": r.comment, "columns": {}, "constraints": {}, "indexes": {}}
        for r in relations if r.oid in tables for name in [tables[r.oid]]}
    for rel, column, *rest in connection.execute(sa.text(COLUMNS), {"oids": oids}):
        result[tables[rel]]["columns"][column] = tuple(rest)
    for rel, name, *rest in connection.execute(sa.text(CONSTRAINTS), {"oids": oids}):
        result[tables[rel]]["constraints"][name] = tuple(rest)
    for rel, name, *rest in connection.execute(sa.text(INDEXES), {"oids": oids}):
        result[tables[rel]]["indexes"][name] = tuple(rest)
    others = {r.name: r.relkind for r in relations if r.relkind in ("v", "m", "S")
              and r.owner not in kept and r.name.split(".")[1] not in NOT_OURS}
    # A schema that holds nothing but kept data is the downgrade's, not the revision's.
    kept_only = {r.name.split(".")[0] for r in relations if r.oid in kept} - {
        name.split(".")[0] for name in (*tables.values(), *others)}
    schemas = {row[0] for row in connection.execute(sa.text(SCHEMAS))} - kept_only
    return {"schemas": sorted(schemas), "tables": result, "other relations": others}


def kept_tables(connection: sa.Connection) -> list[str]:
    """The tables downgrades keep data in, ``schema.table``."""
    return sorted(r.name for r in connection.execute(sa.text(RELATIONS))
                  if r.relkind == "r" and r.comment.startswith(KEPT))


def migrate(engine: sa.Engine, verb: str, revision: str) -> None:
    """``alembic upgrade|downgrade <revision>`` on ``engine``'s database, as the command runs it.

    Through ``DATABASE_URL`` and every guard rail (a connection handed in to
    Alembic is refused unless it is a drift scratch database); ``-x backup=off``
    since these databases are dev ones.
    """
    alembic("-x", "backup=off", verb, revision,
            url=engine.url.render_as_string(hide_password=False))


def differences(live: dict[str, Any], fresh: dict[str, Any]) -> list[str]:
    """What differs between two ``schema_of`` results, one line each (empty: the same)."""
    lines = [f"schemas: {live['schemas']} here, {fresh['schemas']} fresh"] \
        if live["schemas"] != fresh["schemas"] else []
    lines += [f"{kind} {name}: {live[kind].get(name)} here, {fresh[kind].get(name)} fresh"
              for kind in ("other relations",)
              for name in sorted(set(live[kind]) | set(fresh[kind]))
              if live[kind].get(name) != fresh[kind].get(name)]
    for table in sorted(set(live["tables"]) | set(fresh["tables"])):
        here, there = live["tables"].get(table), fresh["tables"].get(table)
        if here is None or there is None:
            lines.append(f"table {table}: {'only here' if there is None else 'only fresh'}")
            continue
        if here["comment"] != there["comment"]:
            lines.append(f"table {table} comment: {here['comment']!r} here, "
                         f"{there['comment']!r} fresh")
        for kind in ("columns", "constraints", "indexes"):
            for name in sorted(set(here[kind]) | set(there[kind])):
                if here[kind].get(name) != there[kind].get(name):
                    lines.append(f"{table} {kind[:-1]} {name}: {here[kind].get(name)} here, "
                                 f"{there[kind].get(name)} fresh")
    return lines
