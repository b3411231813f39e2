"""The schema at head as PostgreSQL holds it, and each recruit's cohort read through it."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from dbkit.grade import names

IGNORED = ("alembic_version",)


@dataclass
class Column:
    name: str
    kind: str  # "text", "integer" or "other"
    nullable: bool


@dataclass
class Table:
    name: str
    columns: dict[str, Column]
    key: tuple[str, ...] = ()
    unique: list[tuple[str, ...]] = field(default_factory=list)  # constraints and unique indexes
    foreign_keys: list[tuple[tuple[str, ...], str, tuple[str, ...]]] = field(default_factory=list)

    def is_unique(self, column: str) -> bool:
        return any(u == (column,) for u in self.unique) or self.key == (column,)

    def as_json(self) -> dict:
        return {"columns": {c.name: {"kind": c.kind, "nullable": c.nullable}
                            for c in self.columns.values()},
                "key": list(self.key), "unique": [list(u) for u in self.unique],
                "foreign_keys": [{"columns": list(c), "table": t, "referred": list(r)}
                                 for c, t, r in self.foreign_keys]}


Schema = dict[str, Table]


def inspect_schema(conn: sa.Connection) -> Schema:
    inspector = sa.inspect(conn)
    schema: Schema = {}
    for table in inspector.get_table_names():
        if table in IGNORED:
            continue
        columns = {c["name"]: Column(c["name"], _kind(c["type"]), bool(c["nullable"]))
                   for c in inspector.get_columns(table)}
        key = tuple(inspector.get_pk_constraint(table).get("constrained_columns") or ())
        unique: list[tuple[str, ...]] = [tuple(u["column_names"])
                                         for u in inspector.get_unique_constraints(table)]
        unique += [tuple(c for c in i["column_names"] if c is not None)
                   for i in inspector.get_indexes(table)
                   if i.get("unique") and None not in i["column_names"]]
        fks = [(tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
               for f in inspector.get_foreign_keys(table)]
        schema[table] = Table(table, columns, key, unique, fks)
    return schema


def _kind(type_: sa.types.TypeEngine) -> str:
    if isinstance(type_, (sa.String, sa.Text, sa.Enum)):
        return "text"
    if isinstance(type_, sa.Integer):
        return "integer"
    return "other"


@dataclass
class CohortSource:
    """Where a recruit's cohort is read at head: a column of its own, or a table it refers to."""

    column: str  # the recruits column (``cohort`` or ``cohort_id``)
    table: str | None = None  # the cohort table, when the column refers to one
    referred: str | None = None  # its key column
    label: str | None = None  # its column naming the cohort

    def said(self, recruits: str) -> str:
        if self.table is None:
            return f"{recruits}.{self.column}"
        return f"{recruits}.{self.column} -> {self.table}.{self.label}"


def cohort_source(schema: Schema, recruits: str) -> CohortSource | None:
    """The recruits' cohort: through a foreign key to a cohort table first, else a column."""
    table = schema[recruits]
    for columns, referred, keys in table.foreign_keys:
        if len(columns) != 1 or referred not in schema or referred == recruits:
            continue
        target = schema[referred]
        looks = names.is_cohort(referred) or names.is_cohort(columns[0])
        if looks:
            types = {c.name: c.kind for c in target.columns.values()}
            label = names.label_column(list(target.columns), types) or keys[0]
            return CohortSource(columns[0], referred, keys[0], label)
    column = names.cohort_label_column(list(table.columns))
    return CohortSource(column) if column else None


def cohort_labels(conn: sa.Connection, schema: Schema, recruits: str,
                  source: CohortSource) -> dict[tuple, str | None]:
    """Each recruit's cohort at head as text, under its primary key."""
    table = schema[recruits]
    key = table.key or tuple(table.columns)
    q = _quote
    keys = ", ".join(f"r.{q(k)}::text" for k in key)
    if source.table is None:
        sql = f"SELECT {keys}, r.{q(source.column)}::text FROM {q(recruits)} r"
    else:
        sql = (f"SELECT {keys}, c.{q(source.label or source.referred or '')}::text "
               f"FROM {q(recruits)} r LEFT JOIN {q(source.table)} c "
               f"ON c.{q(source.referred or '')} = r.{q(source.column)}")
    labels = {}
    for row in conn.execute(sa.text(sql)):
        labels[tuple(row[:-1])] = row[-1]
    return labels


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
