"""``EXECUTE 'ALTER TABLE t DROP CONSTRAINT ' || quote_ident(name)`` in a ``DO`` block.

A DO block that looks a constraint's name up in the catalog and drops it by a built string
(Janybek2007/ingo360-backend a1b2c3d4e5f6: the foreign key of ``doctors.import_log_id``,
found in ``information_schema``, dropped before the column) runs an ``EXECUTE`` the reviewer
cannot read as SQL. When the string is a literal ``ALTER TABLE <t> DROP CONSTRAINT`` (or
``DROP INDEX``) followed only by the name (a variable, ``quote_ident(...)``, ``format``'s
``%I`` is not read), the statement drops a constraint or an index whose name it looks up:
it moves no row and copies no value. It is read as a ``drop_constraint`` (``drop_index``)
of a name not known (the walk frees the table's names: schema.looked_up_drop), not as SQL
that may touch anything.
"""

from __future__ import annotations

import re

from dbkit.review.ops import UNKNOWN, Op

_NAME = r"(?:quote_ident\s*\(\s*[\w.]+\s*\)|[\w.]+)"
_DROPS = re.compile(
    r"^\s*'\s*(?:ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?P<table>[\w.\"]+)\s+DROP\s+"
    r"CONSTRAINT|(?P<index>DROP\s+INDEX))\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?'\s*\|\|\s*"
    rf"{_NAME}\s*(?:\|\|\s*'\s*(?:CASCADE|RESTRICT)?\s*;?\s*')?\s*;?\s*$", re.I)


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
