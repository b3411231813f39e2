"""Rows that satisfy the schema of the moment, and every value read back as text.

The run inserts generated rows (Faker for text) before each revision: types, NOT NULL,
primary keys, unique constraints and indexes, foreign keys and enums are read from the
catalog; a CHECK constraint is satisfied by trying again with other values. Two rows share
each value of a column no unique constraint covers, as real tables do, so that a unique
constraint added without removing duplicates fails as it would in production.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from faker import Faker

IGNORED_TABLES = ("alembic_version",)
NULL_EVERY = 4  # a nullable column is NULL in one row of this many, as in real tables

# text of a value, by (table, column), by row key
Snapshot = dict[str, "TableValues"]


@dataclass
class TableValues:
    key: tuple[str, ...]  # the columns that identify a row (primary key), () when none
    columns: list[str]
    rows: dict[tuple, dict[str, str | None]] = field(default_factory=dict)

    def values(self, column: str) -> list[str]:
        return [value for row in self.rows.values() if (value := row.get(column)) is not None]


def snapshot(conn: sa.Connection) -> Snapshot:
    """Every value of every table (``col::text``), each row under its primary key."""
    default = conn.execute(sa.text("SELECT current_schema()")).scalar()
    columns: dict[tuple[str, str], list[str]] = {}
    for schema, table, column in conn.execute(sa.text(COLUMNS)):
        columns.setdefault((schema, table), []).append(column)
    keys: dict[tuple[str, str], list[str]] = {}
    for schema, table, column in conn.execute(sa.text(PRIMARY_KEYS)):
        keys.setdefault((schema, table), []).append(column)
    result: Snapshot = {}
    for (schema, table), names in columns.items():
        if table in IGNORED_TABLES:
            continue
        key = tuple(keys.get((schema, table), ()))
        select = ", ".join(f"{_q(c)}::text" for c in names)
        values = TableValues(key, names)
        source = f"{_q(schema)}.{_q(table)}"
        for i, row in enumerate(conn.execute(sa.text(f"SELECT {select} FROM {source}"))):
            record = dict(zip(names, row, strict=True))
            ident = tuple(record[k] for k in key) if key else ("#", i)
            values.rows[ident] = record
        result[table if schema == default else f"{schema}.{table}"] = values
    return result


# The catalog in two queries (SQLAlchemy's inspector takes several per table).
_USER_TABLES = """c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema'
    AND n.nspname NOT LIKE 'pg\\_%'"""
COLUMNS = f"""SELECT n.nspname, c.relname, a.attname FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE {_USER_TABLES} AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY n.nspname, c.relname, a.attnum"""
PRIMARY_KEYS = f"""SELECT n.nspname, c.relname, a.attname FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum
    WHERE k.contype = 'p' AND {_USER_TABLES}
    ORDER BY n.nspname, c.relname, u.ord"""


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Generator:
    """Generated rows for whatever tables the database has now."""

    def __init__(self, seed: int = 0) -> None:
        self.faker = Faker()
        self.faker.seed_instance(seed)
        self.random = random.Random(seed)
        self.serial = 0
        self.notes: list[str] = []
        self.seen: set[str] = set()  # tables that got rows already

    def populate(self, conn: sa.Connection, rows: int) -> dict[str, int]:
        """Insert up to ``rows`` new rows in each table; how many each table got."""
        inspector = sa.inspect(conn)
        names = [t for t in inspector.get_table_names() if t not in IGNORED_TABLES]
        order = [t for t, _ in inspector.get_sorted_table_and_fkc_names() if t in names]
        inserted = {}
        for table in order:
            inserted[table] = self._fill(conn, inspector, table, rows)
        return inserted

    # inspector: an sa.Inspector, whose reflected columns and keys are read here as plain dicts
    def _fill(self, conn: sa.Connection, inspector: Any, table: str, rows: int) -> int:
        columns = [c for c in inspector.get_columns(table) if not c.get("computed")
                   and not (c.get("identity") or {}).get("always")]
        key = inspector.get_pk_constraint(table).get("constrained_columns") or []
        unique_sets = [set(key)] + [set(u["column_names"]) for u in inspector.get_unique_constraints(table)]
        unique_sets += [set(i["column_names"]) for i in inspector.get_indexes(table)
                        if i.get("unique") and None not in i["column_names"]]
        unique = {next(iter(s)) for s in unique_sets if len(s) == 1}
        in_unique = set().union(*unique_sets)
        fks = inspector.get_foreign_keys(table)
        fk_columns = {c for fk in fks for c in fk["constrained_columns"]}
        generated = [c for c in columns if not self._database_makes(c, key)]
        target = sa.table(table, *[sa.column(c["name"]) for c in generated])
        existing = {c["name"]: set(self._existing(conn, table, c["name"]))
                    for c in generated if c["name"] in in_unique}
        count, first = 0, None
        # The first rows of a table leave some optional values NULL, as real rows do; rows
        # added later (after the chain's backfills) fill every column.
        nulls = table not in self.seen
        self.seen.add(table)
        for n in range(rows):
            for attempt in range(6):
                row = {c["name"]: None if nulls and c["nullable"] and attempt < 3
                       and n % NULL_EVERY == NULL_EVERY - 1 else self.value(c, unique=c["name"] in in_unique,
                                                       attempt=attempt)
                       for c in generated if c["name"] not in fk_columns}
                if not self._references(conn, fks, row, [c for c in columns if c["name"] in fk_columns]):
                    return count
                if n == 1 and first is not None and attempt == 0:
                    for c in generated:  # a duplicate of a required value nothing forbids
                        if c["name"] not in in_unique and c["name"] not in fk_columns \
                                and not c["nullable"]:
                            row[c["name"]] = first.get(c["name"], row.get(c["name"]))
                if any(str(row.get(c)) in existing.get(c, ()) for c in unique if row.get(c) is not None):
                    continue
                savepoint = conn.begin_nested()
                try:
                    conn.execute(target.insert().values(**row))
                except sa.exc.DBAPIError as exc:
                    savepoint.rollback()
                    reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
                    if attempt == 5:
                        self.notes.append(f"{table}: no row could be generated ({reason})")
                        return count
                    continue
                savepoint.commit()
                for c in existing:
                    if row.get(c) is not None:
                        existing[c].add(str(row[c]))
                first = first or row
                count += 1
                break
        return count

    @staticmethod
    def _database_makes(column: dict, key: list[str]) -> bool:
        default = str(column.get("default") or "")
        return column["name"] in key and ("nextval(" in default or bool(column.get("identity")))

    @staticmethod
    def _existing(conn: sa.Connection, table: str, column: str) -> Iterator[str]:
        for (value,) in conn.execute(sa.text(f"SELECT {_q(column)}::text FROM {_q(table)}")):
            if value is not None:
                yield value

    def _references(self, conn: sa.Connection, fks: list[dict], row: dict, columns: list[dict]) -> bool:
        nullable = {c["name"]: c["nullable"] for c in columns}
        for fk in fks:
            referred = ", ".join(_q(c) for c in fk["referred_columns"])
            found = conn.execute(sa.text(
                f"SELECT {referred} FROM {_q(fk['referred_table'])} ORDER BY random() LIMIT 1")).first()
            if found is None:
                if all(nullable.get(c, True) for c in fk["constrained_columns"]):
                    row.update(dict.fromkeys(fk["constrained_columns"]))
                    continue
                return False
            row.update(zip(fk["constrained_columns"], found, strict=False))
        return True

    def value(self, column: dict, *, unique: bool = False, attempt: int = 0) -> object:
        """A value of the column's type; NULL only where allowed and nothing else fits."""
        kind = column["type"]
        self.serial += 1
        try:
            python = kind.python_type
        except NotImplementedError:
            python = None
        enums = getattr(kind, "enums", None)
        if enums:
            return self.random.choice(list(enums))
        for fits, make in VALUES:  # the first kind that fits the column's type
            if fits(kind, python):
                return make(self, column, kind, unique or attempt > 0)
        return None

    def _number(self, kind: object) -> decimal.Decimal:
        scale = getattr(kind, "scale", None) or 2
        precision = getattr(kind, "precision", None) or 10
        digits = max(precision - scale, 1)
        return decimal.Decimal(self.random.randint(0, 10 ** min(digits, 8) - 1)) \
            + decimal.Decimal(self.random.randint(0, 10 ** scale - 1)) / 10 ** scale

    def _text(self, name: str, length: int | None, unique: bool) -> str:
        f = self.faker
        if "email" in name:
            text = f.email()
        elif "first" in name:
            text = f.first_name()
        elif "last" in name or "surname" in name:
            text = f.last_name()
        elif "name" in name:
            text = f.name()
        elif "phone" in name:
            text = f.phone_number()
        elif "city" in name:
            text = f.city()
        elif "country" in name:
            text = f.country()
        elif "address" in name:
            text = f.address().replace("\n", ", ")
        elif "url" in name or "link" in name:
            text = f.url()
        elif "code" in name or "number" in name or name.endswith("_id"):
            text = f.bothify("??-####-####").upper()
        else:
            text = f.sentence(nb_words=4).rstrip(".")
        if unique:
            text = f"{text} {self.serial}"
        if length:
            text = text[-length:] if unique else text[:length]
        return text


def _type_name(kind: object) -> str:
    return type(kind).__name__


# (does this maker fit the type?, the maker): one entry per kind of value, in order.
VALUES: list[tuple[Callable[[object, object], bool], Callable[..., object]]] = [
    (lambda k, p: isinstance(k, sa.Boolean) or p is bool,
     lambda g, c, k, u: g.random.random() < 0.5),
    (lambda k, p: isinstance(k, sa.SmallInteger), lambda g, c, k, u: g.random.randint(1, 32_000)),
    (lambda k, p: isinstance(k, sa.Integer) or p is int,
     lambda g, c, k, u: g.random.randint(1, 2_000_000_000)),
    (lambda k, p: isinstance(k, sa.Numeric) or p in (float, decimal.Decimal),
     lambda g, c, k, u: g._number(k)),
    (lambda k, p: p is dt.datetime, lambda g, c, k, u: g.faker.date_time_between("-5y", "now")),
    (lambda k, p: p is dt.date, lambda g, c, k, u: g.faker.date_between("-30y", "today")),
    (lambda k, p: p is dt.time, lambda g, c, k, u: g.faker.time_object()),
    (lambda k, p: p is dt.timedelta,
     lambda g, c, k, u: dt.timedelta(minutes=g.random.randint(1, 10_000))),
    (lambda k, p: p is uuid.UUID or _type_name(k) == "UUID",
     lambda g, c, k, u: str(uuid.UUID(int=g.random.getrandbits(128)))),
    (lambda k, p: _type_name(k) in ("JSON", "JSONB"),
     lambda g, c, k, u: json.dumps({"value": g.faker.word(), "n": g.serial})),
    (lambda k, p: p is bytes, lambda g, c, k, u: g.random.randbytes(8)),
    (lambda k, p: p is dict or p is list, lambda g, c, k, u: None if c["nullable"] else "{}"),
    (lambda k, p: p is str or isinstance(k, sa.String) or p is None,
     lambda g, c, k, u: g._text(c["name"].lower(), getattr(k, "length", None), u)),
]
