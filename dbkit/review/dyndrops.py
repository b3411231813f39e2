"""``EXECUTE 'ALTER TABLE t DROP CONSTRAINT ' || quote_ident(name)`` in a ``DO`` block.

A DO block that looks a constraint's name up in the catalog and drops it by a built string
(Janybek2007/ingo360-backend a1b2c3d4e5f6: the foreign key of ``doctors.import_log_id``,
found in ``information_schema``, dropped before the column) runs an ``EXECUTE`` the reviewer
cannot read as SQL. When the string is a literal ``ALTER TABLE <t> DROP CONSTRAINT`` (or
``DROP INDEX``) followed only by the name (a variable, ``quote_ident(...)``, ``format``'s
``%I`` is not read), the statement drops a constraint or an index whose name it looks up:
it moves no row and copies no value. It is read as a ``drop_constraint`` (``drop_index``)
of a name not known (the walk frees the table's names: schema._drop_named), not as SQL
that may touch anything.

A loop over the rows of a catalog query whose body only runs such drops, the table too
looked up (``FOR r IN SELECT conname, conrelid::regclass::text AS tbl FROM pg_constraint
WHERE ... LOOP EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname); END
LOOP``: ExoPexodus inventory-management-system 20260417000001, every foreign key pointing at
two tables it then drops), drops constraints of tables it cannot name: it stays code not
followed, but one that copies no value anywhere (``copies_none``, as an unparsed MySQL ALTER
TABLE): no doubt on a drop of a column or a table after it.
"""

from __future__ import annotations

import re

from dbkit.review.ops import UNKNOWN, Op

_NAME = r"(?:quote_ident\s*\(\s*[\w.]+\s*\)|[\w.]+)"
_DROPS = re.compile(
    r"^\s*'\s*(?:ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?P<table>[\w.\"]+)\s+DROP\s+"
    r"CONSTRAINT|(?P<index>DROP\s+INDEX))\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?'\s*\|\|\s*"
    rf"{_NAME}\s*(?:\|\|\s*'\s*(?:CASCADE|RESTRICT)?\s*;?\s*')?\s*;?\s*$", re.I)


_HOLE = r"(?:%[sI]|\$\d+)"  # (a ``%s`` the SQL was read with as a bound parameter: ``$1``)
_FORMATTED = re.compile(
    rf"^\s*format\s*\(\s*'\s*(?:ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?:{_HOLE}\.)?"
    rf"{_HOLE}\s+DROP\s+CONSTRAINT|DROP\s+INDEX)\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?"
    rf"(?:{_HOLE}\.)?{_HOLE}\s*(?:CASCADE|RESTRICT)?\s*;?\s*'\s*(?:,\s*[\w.]+\s*)+\)\s*;?\s*$",
    re.I)


def drops_only(query: str) -> bool:
    """Does an ``EXECUTE`` of ``query`` only drop a constraint or an index by names looked up
    (the table's too: ``format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname)``)?"""
    return _FORMATTED.match(query) is not None or _DROPS.match(query) is not None


def dropped_by_name(query: str, line: int, end: int) -> Op | None:
    """The op of an ``EXECUTE`` of ``query`` when it only drops a constraint or an index by a
    name looked up at run time; None for any other."""
    found = _DROPS.match(query)
    if found is None:
        return None
    if found["index"]:
        return Op("drop_index", line, end, constraint=UNKNOWN, via="sql")
    table = found["table"].replace('"', "").lower()
    return Op("drop_constraint", line, end, table=table.removeprefix("public."),
              constraint=UNKNOWN, via="sql")
