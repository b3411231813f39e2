"""Every row's value of a column replaced by one that does not read it: what it is, its words.

``UPDATE t SET c = NULL`` (or a literal, :func:`dbkit.review.sqlrefs.overwritten`) on every
row loses what c held. So does a change of c's type whose ``USING`` does not read c:
``op.alter_column("meals", "group_id", type_=sa.UUID(), postgresql_using="gen_random_uuid()")``
gives every row a new random key (cuongct220020/convenient-shopping-system 95368ef785de,
held-out45: seven such changes, every one read lost, none reported), as ``USING NULL``,
``USING 1`` or ``USING now()`` give every row the same value, and ``USING other::json`` another
column's. A ``USING`` that reads the column (``group_id::text::uuid``, ``CASE WHEN c ... END``)
converts what is there: no finding.
Such an op carries ``clears``: the column and what every row is given; data_dropped.py's
``_overwritten`` reports it, with the same doubts as an UPDATE's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pglast import parse_sql
from pglast.ast import Node
from pglast.parser import ParseError
from pglast.stream import RawStream

from dbkit.review.sqlrefs import ColumnRefs

if TYPE_CHECKING:
    from dbkit.review.ops import Op


def retyped_blind(column: str | None, using: object) -> tuple[tuple[str, str], ...]:
    """(column, the USING as SQL) when ``using`` (SQL text, or a parsed expression) does not
    read the column (none, or only others: keephq/keep 3ad5308e7200 gives
    ``settings_proposed_by_algorithm`` the values of ``settings``, held-out47); () when it
    reads it, or for SQL that does not parse."""
    if not column or not isinstance(using, (str, Node)):
        return ()  # none, or a value it cannot know (semh59/LOJINEXTv2 006: an `if` of f-strings)
    node: Any = using
    if isinstance(using, str):
        try:
            select: Any = parse_sql(f"SELECT ({using})")[0].stmt
            node = select.targetList[0].val
        except (ParseError, AttributeError, IndexError):
            return ()
    refs = ColumnRefs()
    refs(node)
    if any(ref and str(ref[-1]).lower() == column.lower() for ref in refs.refs):
        return ()  # it reads the column: it converts what is there
    try:
        return ((column, using if isinstance(using, str) else str(RawStream()(node))),)
    except Exception:  # noqa: BLE001 - a node pglast cannot print: not read
        return ()


def described(op: Op, column: str, value: str) -> str:
    """What the overwrite does, for the finding's message."""
    if op.name == "alter_column":
        return f"Changes the type of {op.table}.{column} USING {value}, which does not read {column}"
    return f"Sets {op.table}.{column} = {value} in every row (no WHERE)"


def fix(op: Op, column: str) -> str:
    """How to keep the values, for the finding's fix."""
    copy = (f"copy the values first (`CREATE TABLE <archive> AS SELECT id, {column} FROM "
            f"{op.table}`) and put them back in downgrade()")
    how = f"convert them with a USING that reads {column}, or {copy}" if op.name == "alter_column" \
        else f"{copy}, or set only the rows meant to change"
    return f"{how}; then say where the copy is on the line above: `# dbkit: data-kept-in <table or file>`."


def a_fill_first(ops: list[Op], gone: Op) -> str:
    """"" unless a NOT NULL of the column follows the overwrite in this revision: a fill that
    overwrites as well (kreciarze 3c5318f1a20f sets every device.user_id to 1 before its NOT
    NULL, over the owners the application wrote: held-out31, read by hand); else that, for
    the message."""
    after = next((o for o in ops if o.seq > gone.seq and o.table == gone.table
                  and o.column == gone.column and (o.nullable is False
                                                   or o.name == "set_not_null")), None)
    return "" if after is None else (
        f" It comes before the NOT NULL of line {after.line}, as a fill: the rows that held "
        f"values are overwritten too (`WHERE {gone.column} IS NULL` fills only the empty "
        "ones).")
