"""Temporary tables: a table made ``CREATE TEMP[ORARY] TABLE`` (``ON COMMIT DROP`` or not) lives
in the migration's own session and holds no application data, nor does any table of the
``pg_temp`` schema. Its DROP later in the same upgrade loses nothing: no data-dropped finding,
error nor warning.

healthcare-mrf-api ``20260810110000_..._direct_v4_disposition`` makes
``provider_directory_terminal_v4_identity_snapshot`` ``CREATE TEMP TABLE ... ON COMMIT DROP AS
SELECT`` from ``pg_proc`` and ``pg_trigger`` (a snapshot of catalog oids, in SQL the reviewer
cannot parse whole: its VALUES list is built by a generator), then drops it at the end of the
upgrade; ``20260810110000_ptg_wave_receipt_authority`` drops ``pg_temp.<name>`` it made
``CREATE TEMP TABLE <name> (...)``.

The names are read from the SQL's text, parsed or not (:func:`created`, kept on the op as
``temporary``). A temporary table hides a table of the same name for the session, so an
unqualified DROP after it drops the temporary one; a DROP naming another schema
(``public.t``) drops the real table and stays a finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dbkit.review.ops import Op

_NAME = r'(?:"[^"]+"|[\w$]+)'
_CREATE_TEMP = re.compile(
    r"\bcreate\s+(?:(?:global|local)\s+)?temp(?:orary)?\s+table\s+(?:if\s+not\s+exists\s+)?"
    rf"({_NAME}(?:\s*\.\s*{_NAME})?)", re.IGNORECASE)
TEMP_SCHEMA = "pg_temp"


def _parts(name: str) -> list[str]:
    return [p.strip().strip('"').lower() for p in re.split(r'\.(?=(?:[^"]*"[^"]*")*[^"]*$)', name)]


def created(sql: str) -> frozenset[str]:
    """The temporary tables the SQL text makes (lower case; ``pg_temp.t`` is ``t``)."""
    found = set()
    for match in _CREATE_TEMP.finditer(sql):
        parts = _parts(match.group(1))
        if len(parts) == 1 or parts[0] == TEMP_SCHEMA:
            found.add(parts[-1])
    return frozenset(found)


def temporary(upgrade: Sequence[Op], drop: Op) -> bool:
    """Is ``drop`` (a drop_table) of a temporary table: one in ``pg_temp``, or one an earlier
    statement of the same upgrade made ``CREATE TEMP TABLE`` and the drop names unqualified?"""
    if drop.name != "drop_table" or not drop.table:
        return False
    parts = _parts(drop.table)
    if len(parts) > 1 and parts[0] == TEMP_SCHEMA:
        return True
    return len(parts) == 1 and any(
        o.seq < drop.seq and parts[0] in o.temporary for o in upgrade)
