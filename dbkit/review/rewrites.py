"""Row-by-row rewrites in a loop (issue 19, digitalmarketplace 610-880 before 810): ``for
brief in conn.execute(briefs.select()): ... conn.execute(briefs.update().where(briefs.c.id ==
brief.id).values(data=brief.data))`` writes back into ``data`` the value the loop read from
the row (``brief.data``, or a name the loop unpacks its rows into: ``for brief_id, brief_data
in rows``). It rewrites the rows the loop picked, value by value: a NULL it read stays NULL
(or the code fails on it), so it fills no NULL of the column."""

from __future__ import annotations

import ast

from dbkit.review.ops import Op, Ref


def own_rewrites(loop: ast.For | ast.While | ast.AsyncFor, ops: list[Op]) -> None:
    """Mark, on the Core updates in a ``for`` loop's body (``ops``: the loop's ``opaque`` op
    first, when there is one, then its body's), the columns they set to the loop row's own
    value as not filled (``unreached``: no NULL of them is filled); on the ``opaque`` op,
    those no other statement of the body writes (``unfilled``), when the body runs nothing
    else (no insert, delete, SQL or call it cannot read)."""
    if not isinstance(loop, ast.For | ast.AsyncFor):
        return
    row = loop.target.id if isinstance(loop.target, ast.Name) else None
    unpacked = {e.id for e in loop.target.elts if isinstance(e, ast.Name)} \
        if isinstance(loop.target, ast.Tuple) else set()
    calls = [n for s in loop.body for n in ast.walk(s) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute) and n.func.attr == "values"]
    rewritten: set[Ref] = set()
    for op in ops:
        if op.name != "backfill" or op.via != "core" or not op.table:
            continue
        own = {k.arg for c in calls if op.line <= c.lineno <= op.end_line for k in c.keywords
               if k.arg and _own(k.value, k.arg, row, unpacked)}
        if own:
            op.unreached = op.unreached | frozenset(own)
            rewritten |= {(op.table, c) for c in own}
    opaque = ops[0] if ops and ops[0].name == "opaque" else None
    body = ops[1:] if opaque else ops
    if opaque is None or not rewritten or "delete" in (opaque.mentions or {"delete"}) \
            or any(o.name not in ("read", "backfill") for o in body):
        return
    others = {w for o in body if o.name == "backfill" for w in o.writes
              if w[1] not in o.unreached}
    opaque.unfilled = frozenset(rewritten - others)


def _own(value: ast.expr, column: str, row: str | None, unpacked: set[str]) -> bool:
    """``row.column``, ``row["column"]``, or a name the loop unpacked its rows into."""
    if isinstance(value, ast.Name):
        return value.id in unpacked
    if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
        return value.value.id == row and value.attr == column
    if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) \
            and isinstance(value.slice, ast.Constant):
        return value.value.id == row and value.slice.value == column
    return False
