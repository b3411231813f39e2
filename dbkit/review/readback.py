"""Values read into the revision's own Python code before a drop, and rows the code writes
back after it by statements the reviewer cannot follow.

FinGigaChat 8573660fb1c0 selects ``research.id, report_id, research_type_id``, drops
``research.research_type_id``, then loops over the rows it read and hands objects built
from them to ``session.bulk_save_objects()`` (the new link table). 0a80d96a6984 reads the
old product groups in a helper (``sa.select(old_models.ProductGroup.id, ...)``), drops
``bot_product_group``, and adds them back as parent products with ``session.add()`` and
statements it builds; cb0c129f1d44 reads ``whitelist.subscriptions`` through a CTE in
``sa.text``, drops the column, then ``op.bulk_insert()``s rows a DataFrame built.

The values may be in those rows: the reviewer cannot follow them, so the drop is no proof of
a loss, only a warning naming the read and the write. Only when, in the same upgrade:

- a read before the drop reads the dropped column (or table) by name, or, when the reviewer
  cannot name what it reads, its own lines (or the helper function holding it) name the
  column, or for a table its name or an ORM class spelled like it (``ProductGroup`` for
  ``bot_product_group``);
- after the drop, code writes rows the reviewer cannot follow: an ORM session's add, merge
  or bulk save, SQL it cannot read (not a DELETE), an ``op.bulk_insert`` of rows the code
  builds.

Stay errors: values read only to pick the rows a DELETE removes, or printed (no write after:
truenth 458e56eedb92); rows written back by statements the reviewer reads (followed
already: truenth cfb3cf41a07a); ``op.bulk_insert`` of constants.
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from dbkit import pysource
from dbkit.review.ops import bare_name
from dbkit.review.revision import source_of

if TYPE_CHECKING:
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision

# ORM calls that write rows (a session's flush or commit writes only what these left pending)
_ORM_WRITES = frozenset({"add", "add_all", "merge", "bulk_save_objects", "bulk_insert_mappings",
                         "bulk_update_mappings", "query"})
_CLASS = re.compile(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b")


def read_back(rev: Revision, drop: Op) -> str:
    """"" unless a read before ``drop``, in ``rev``, puts the dropped values into code and
    code after it writes rows the reviewer cannot follow; else why that is no proof."""
    if drop.name not in ("drop_column", "drop_table") or not drop.table:
        return ""
    writes = sorted({o.line for o in rev.upgrade if o.seq > drop.seq and _writes(o)})
    if not writes:
        return ""
    lines = source_of(rev.path).splitlines()
    read = next((o for o in rev.upgrade if o.name == "read" and o.seq < drop.seq
                 and _reads(o, drop, lines)), None)
    if read is None:
        return ""
    what = f"its values ({drop.column})" if drop.column else "its rows"
    where = (f"line {writes[0]}, after the drop, writes" if len(writes) == 1 else
             f"lines {', '.join(map(str, writes[:3]))}{' ...' if len(writes) > 3 else ''}, "
             "after the drop, write")
    return (f"line {read.line} reads {what} into code first, and {where} rows the reviewer "
            "cannot follow: they may hold those values. If they do, "
            "say where on the line above the drop: `# dbkit: data-kept-in <table>`. ")


def _writes(op: Op) -> bool:
    if op.name == "opaque":
        return op.orm_call in _ORM_WRITES
    if op.name == "execute":
        return op.copies_none is None
    return op.name == "insert" and op.built


def _reads(read: Op, drop: Op, lines: list[str]) -> bool:
    bare = bare_name(drop.table or "")
    if drop.column:
        if read.reads_column(drop.table, drop.column):
            return True
    elif any(t is not None and bare_name(t) == bare for t, _ in read.reads):
        return True
    if any(t is not None for t, _ in read.reads):
        return False  # (it names the tables it reads, and not this one's column)
    text = _text(read, drop, lines)
    if drop.column:
        return re.search(rf"\b{re.escape(drop.column)}\b", text, re.IGNORECASE) is not None
    return re.search(rf"\b{re.escape(bare)}\b", text, re.IGNORECASE) is not None \
        or any(_spelled(word, bare) for word in _CLASS.findall(text))


def _spelled(word: str, table: str) -> bool:
    """Is the ORM class ``word`` the table, or its last words (``ProductGroup`` for
    ``bot_product_group``, ``UserGroups`` for ``user_groups``)?"""
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", word).lower()
    return any(table.lower() == form or table.lower().endswith("_" + form)
               for form in (snake, snake + "s", snake + "es", snake.removesuffix("s")))


def _text(read: Op, drop: Op, lines: list[str]) -> str:
    """The read's own lines, or those of the helper function it is in when that function
    holds no drop (``upgrade()`` holds the drop: its words say nothing of the read)."""
    first, last = read.line, read.end_line
    try:
        tree = pysource.parse("\n".join(lines)) if read.via == "helper" and lines else None
    except (SyntaxError, ValueError):
        tree = None
    for node in ast.walk(tree) if tree else ():
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) \
                and node.lineno <= read.line <= (node.end_lineno or 0) \
                and not node.lineno <= drop.line <= (node.end_lineno or 0):
            first, last = min(first, node.lineno), max(last, node.end_lineno or 0)
    return "\n".join(lines[first - 1:last])
