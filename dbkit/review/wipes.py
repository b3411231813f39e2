"""A loop that drops every table of a schema, by names it looks up at run time.

Qredence/fleet-rlm 0010 starts a clean-break rebuild with a DO block: ``FOR row IN SELECT
tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version' LOOP
EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', row.tablename); END LOOP``, then
creates the tables again. The reviewer cannot tell which tables the loop meets, but every
table of that schema it has seen made (less those the WHERE spares by a constant name) may
be gone after it: the walk forgets them (a ``wipe`` op), so creating them again is no "same
change applied twice". It does not mark them dropped (a later change to one is no "table that
does not exist" either), and the loop stays code not followed for the rules of lost data.
"""

from __future__ import annotations

import re
from typing import Any

from dbkit.review.ops import Op

_SPARE = r"(?:tablename\s*(?:<>|!=)\s*'(?P<one>\w+)'|tablename\s+NOT\s+IN\s*\((?P<many>[^)]*)\))"
_LOOP = re.compile(
    r"^\s*SELECT\s+(?:\w+\.)?tablename(?:\s+AS\s+\w+)?\s+FROM\s+(?:pg_catalog\.)?pg_tables"
    rf"\s+WHERE\s+schemaname\s*=\s*'(?P<schema>\w+)'(?:\s+AND\s+{_SPARE})*\s*;?\s*$", re.I)
_SPARES = re.compile(_SPARE, re.I)
_DROP = re.compile(
    r"^\s*format\s*\(\s*'\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:(?P<schema>\w+)\.|%I\.)?%I"
    r"(?:\s+(?:CASCADE|RESTRICT))?\s*;?\s*'\s*(?:,\s*[\w.]+\s*)+\)\s*;?\s*$", re.I)


def wipe(loop: str, executes: list[str], line: int, end: int) -> Op | None:
    """The ``wipe`` op of a loop over ``loop`` (its query) whose body only ``EXECUTE``s
    ``executes``, when it drops the tables of one schema pg_tables lists; None for any other."""
    found = _LOOP.match(loop)
    if found is None or not executes:
        return None
    schema = found["schema"].lower()
    for query in executes:
        drop = _DROP.match(query)
        if drop is None or (drop["schema"] or schema).lower() != schema:
            return None
    spares = set()
    for spare in _SPARES.finditer(loop):
        names = [spare["one"]] if spare["one"] else re.findall(r"'(\w+)'", spare["many"] or "")
        spares |= {n.lower() for n in names}
    return Op("wipe", line, end, table=schema, keys=tuple(sorted(spares)), via="sql")


def forget(s: Any, op: Op) -> None:
    """Forget each table of the schema ``op`` wipes (walk's schema ``s``): its columns, its
    names; not its place in the chain (it is not said dropped)."""
    schema = op.table or ""
    for name in list(s.tables):
        owner, _, bare = name.rpartition(".")
        if (owner or "public") != schema or bare in op.keys:
            continue
        s.tables.pop(name)
        for key, (table, _) in list(s.names.items()):
            if table == name:
                del s.names[key]
        for key in [k for k in s.made_in if len(k) > 1 and (k[1] == name or (
                k[0] == "name" and isinstance(k[1], tuple) and k[1] not in s.names))]:
            del s.made_in[key]


def step(result: Any, rev: Any, op: Op, table: Any) -> None:
    """The walk's step of a ``wipe`` op (schema.STEPS)."""
    forget(result.schema, op)
