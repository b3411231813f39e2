"""A copy that keeps one row of its source per key is no copy of the source's other rows.

``UPDATE agents a SET temperature = v.temperature FROM agent_versions v WHERE v.agent_id = a.id
AND v.id = (SELECT id FROM agent_versions WHERE agent_id = a.id ORDER BY version DESC LIMIT 1)``
copies each agent's latest version only: the temperature of every other version is copied
nowhere, and a drop of ``agent_versions.temperature`` after it loses them (ml-portal 0016).
The reduction is claimed only where the SQL itself shows it, for a copy into another table:

- a table of the FROM whose WHERE pins a column to a subquery of that same table with
  ``LIMIT 1`` (``v.id = (SELECT id FROM agent_versions ... LIMIT 1)``);
- a subquery of the FROM (or a WITH query it names) with ``DISTINCT ON``, or ranking its rows
  by ``row_number()`` / ``rank()`` / ``dense_rank()`` over a partition and kept where that rank
  is 1, or taking ``max()`` / ``min()`` of a ``GROUP BY`` (those columns only);
- a scalar subquery with ``LIMIT 1`` in a SET or a SELECT list (``SET c = (SELECT ... LIMIT 1)``).

An ``UPDATE ... FROM`` joined on the source's own key, or a subquery with no such clause, is a
full copy as before (and a dedupe by a rebuild, the copy renamed to the source's name, is no
loss the walk of the schema reports: ``copied_from_one_row_per_key`` 0005). A column the
copy only ranks rows by (``ORDER BY "primary" DESC``) is not taken off: which row was chosen
keeps it (``flag_ranked_by_distinct_on_then_dropped``).
"""

from __future__ import annotations

from collections.abc import Iterator

from pglast import ast
from pglast.enums import A_Expr_Kind, BoolExprType, SubLinkType
from pglast.stream import RawStream
from pglast.visitors import Skip, Visitor

from dbkit.review.innerjoin import Matched
from dbkit.review.revision import Revision
from dbkit.review.sqlrefs import ColumnRefs, name

RANKS = ("row_number", "rank", "dense_rank")
EXTREMES = ("max", "min")
# (the table kept one row per key, its columns so reduced (None: every one read), why, the
# key columns: every value of those reaches the copy, the rows left out hold the same ones)
Reduced = tuple[str, frozenset[str] | None, str, frozenset[str]]


def one_row_copies(rev: Revision) -> list[Matched]:
    """The copies of ``rev``'s upgrade into another table that keep one row of a table per
    key; the columns of that table they read so are taken off the op (no copy is claimed)."""
    found: list[Matched] = []
    for op in rev.upgrade:
        stmt = op.statement
        if not (isinstance(stmt, ast.UpdateStmt) and op.name == "backfill"
                or isinstance(stmt, ast.InsertStmt) and op.name == "insert") \
                or name(stmt.relation) != op.table:
            continue
        kind = "UPDATE" if isinstance(stmt, ast.UpdateStmt) else "INSERT ... SELECT"
        for table, columns, why, keys in _reduced(stmt):
            taken = {(t, c) for t, c in op.reads if t == table and t != op.table
                     and (columns is None or c.lower() in columns) and (t, c) not in op.tested
                     and c.lower() not in keys}
            if not taken:
                continue
            for each in [op] + [o for o in rev.upgrade if o.statement is stmt and o.name == "read"]:
                each.reads -= taken  # (and a WITH query's SELECT, read as its own op)
                each.resolved -= taken
            found.append(Matched(rev, op.line, table, kind, frozenset(c.lower() for _, c in taken),
                                 why=why))
    return found


def _reduced(stmt: ast.UpdateStmt | ast.InsertStmt) -> Iterator[Reduced]:
    ctes = {str(c.ctename): c.ctequery for c in getattr(stmt.withClause, "ctes", None) or ()
            if isinstance(c, ast.CommonTableExpr) and isinstance(c.ctequery, ast.SelectStmt)}
    if isinstance(stmt, ast.UpdateStmt):
        source, where, values = stmt.fromClause, stmt.whereClause, stmt.targetList
    elif isinstance(stmt.selectStmt, ast.SelectStmt):
        select = stmt.selectStmt
        ctes.update({str(c.ctename): c.ctequery for c in getattr(select.withClause, "ctes", None)
                     or () if isinstance(c, ast.CommonTableExpr)
                     and isinstance(c.ctequery, ast.SelectStmt)})
        source, where, values = select.fromClause, select.whereClause, select.targetList
        yield from _grouped(select, "the copy")
        yield from _distinct(select, "the copy")
    else:
        return
    yield from _pinned(source, where, name(stmt.relation) or "the table")
    for alias, query in _subqueries(source, ctes):
        yield from _distinct(query, f"its subquery {alias}")
        yield from _grouped(query, f"its subquery {alias}")
        yield from _ranked(query, alias, where)
    yield from _limited(values)


def _anded(where: object) -> list[object]:
    if isinstance(where, ast.BoolExpr) and where.boolop == BoolExprType.AND_EXPR:
        return [t for arg in where.args or () for t in _anded(arg)]
    return [where] if where is not None else []


def _equal(test: object) -> tuple[object, object] | None:
    if isinstance(test, ast.A_Expr) and test.kind == A_Expr_Kind.AEXPR_OP \
            and [getattr(n, "sval", None) for n in test.name or ()] == ["="]:
        return test.lexpr, test.rexpr
    return None


def _one(node: object) -> bool:
    return isinstance(node, ast.A_Const) and getattr(node.val, "ival", None) == 1


def _tables(from_clause: object) -> list[tuple[str, str]]:
    """(alias, table) of each table a FROM clause names, joins included, subqueries not."""
    found: list[tuple[str, str]] = []

    class Tables(Visitor):
        def visit_RangeVar(self, ancestors: object, node: ast.RangeVar) -> None:
            table = name(node)
            if table:
                found.append((str(node.alias.aliasname if node.alias else node.relname), table))

        def visit_RangeSubselect(self, ancestors: object, node: ast.RangeSubselect) -> object:
            return Skip

    if from_clause:
        Tables()(from_clause)  # type: ignore[arg-type]
    return found


def _only_table(select: ast.SelectStmt) -> str | None:
    """The one table a SELECT reads rows of (no join, no subquery, no set operation)."""
    tables = _tables(select.fromClause)
    plain = all(isinstance(f, ast.RangeVar) for f in select.fromClause or ())
    return tables[0][1] if len(tables) == 1 and plain and select.larg is None else None


def _sql(node: object) -> str:
    try:
        text = RawStream()(node)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 (a node pglast cannot print back: named plainly)
        return "..."
    return text if len(text) <= 60 else text[:57] + "..."


def _pinned(source: object, where: object, target: str) -> Iterator[Reduced]:
    """``v.id = (SELECT id FROM agent_versions ... LIMIT 1)``: v, named once in the FROM, is
    one row of its table for each row the statement writes."""
    tables = _tables(source)
    for test in _anded(where):
        sides = _equal(test)
        for column, sub in (sides, sides[::-1]) if sides else ():
            if not (isinstance(sub, ast.SubLink) and sub.subLinkType == SubLinkType.EXPR_SUBLINK
                    and isinstance(sub.subselect, ast.SelectStmt)
                    and _one(sub.subselect.limitCount)
                    and isinstance(column, ast.ColumnRef) and len(column.fields or ()) == 2):
                continue
            alias = getattr((column.fields or ())[0], "sval", None)
            table = next((t for a, t in tables if a == alias), None)
            if table and [t for _, t in tables].count(table) == 1 \
                    and _only_table(sub.subselect) == table:
                yield table, None, (f"its WHERE keeps one row of {table} per row of {target} "
                                    f"({_sql(column)} = (SELECT ... LIMIT 1))"), frozenset()


def _subqueries(source: object, ctes: dict[str, ast.SelectStmt]
                ) -> Iterator[tuple[str, ast.SelectStmt]]:
    """(alias, query) of each subquery of the FROM clause, and of each WITH query it names."""
    for item in source if isinstance(source, (list, tuple)) else ():
        if isinstance(item, ast.RangeSubselect) and item.alias is not None \
                and isinstance(item.subquery, ast.SelectStmt):
            yield str(item.alias.aliasname), item.subquery
        elif isinstance(item, ast.RangeVar) and not item.schemaname \
                and str(item.relname) in ctes:
            yield str(item.alias.aliasname if item.alias else item.relname), \
                ctes[str(item.relname)]


def _distinct(query: ast.SelectStmt, what: str) -> Iterator[Reduced]:
    """``SELECT DISTINCT ON (agent_id) ... FROM agent_versions``: one row per agent_id."""
    keys = [k for k in query.distinctClause or () if k is not None]
    table = _only_table(query)
    if keys and table:
        shown = ", ".join(_sql(k) for k in keys)
        yield table, None, f"{what} keeps one row of {table} per {shown} (DISTINCT ON)", \
            _keys(keys)


def _grouped(query: ast.SelectStmt, what: str) -> Iterator[Reduced]:
    """``SELECT agent_id, max(model) FROM agent_versions GROUP BY agent_id``: one value of
    model per agent_id (not when it groups by the table's id: one row per group)."""
    table = _only_table(query)
    keys = [k for k in query.groupClause or () if isinstance(k, ast.ColumnRef)]
    if not table or not keys or len(keys) != len(query.groupClause or ()) \
            or any(_last(k) == "id" for k in keys):
        return
    inside: set[str] = set()
    outside: set[str] = set()
    for target in query.targetList or ():
        value = getattr(target, "val", None)
        if isinstance(value, ast.FuncCall) and function_name(value) in EXTREMES and not value.over:
            inside |= {c for arg in value.args or () for c in _columns(arg)}
        else:
            outside |= _columns(value)
    if inside - outside:
        shown = ", ".join(_sql(k) for k in keys)
        yield table, frozenset(inside - outside), (f"{what} keeps one max() or min() of "
                                                   f"{table} per {shown} (GROUP BY)"), frozenset()


def _ranked(query: ast.SelectStmt, alias: str, where: object) -> Iterator[Reduced]:
    """``(SELECT ..., row_number() OVER (PARTITION BY agent_id ORDER BY ...) AS rn FROM
    agent_versions) s ... WHERE s.rn = 1``: one row per agent_id."""
    table = _only_table(query)
    if table is None:
        return
    ranks = {}
    for target in query.targetList or ():
        value = getattr(target, "val", None)
        if isinstance(value, ast.FuncCall) and function_name(value) in RANKS and value.over \
                and value.over.partitionClause and target.name:
            ranks[str(target.name)] = value.over.partitionClause
    for test in _anded(where):
        sides = _equal(test)
        for column, value in (sides, sides[::-1]) if sides and ranks else ():
            fields = [getattr(f, "sval", None) for f in getattr(column, "fields", None) or ()]
            if _one(value) and fields and fields[-1] in ranks \
                    and (len(fields) == 1 or fields[0] == alias):
                shown = ", ".join(_sql(k) for k in ranks[fields[-1]])
                yield table, None, (f"its subquery {alias} keeps the first row of {table} "
                                    f"per {shown} ({fields[-1]} = 1)"), _keys(ranks[fields[-1]])


def _limited(values: object) -> Iterator[Reduced]:
    """``SET model = (SELECT v.model FROM agent_versions v WHERE ... LIMIT 1)``: one row."""
    for target in values if isinstance(values, (list, tuple)) else ():
        value = getattr(target, "val", None)
        if isinstance(value, ast.SubLink) and value.subLinkType == SubLinkType.EXPR_SUBLINK \
                and isinstance(value.subselect, ast.SelectStmt) \
                and _one(value.subselect.limitCount):
            table = _only_table(value.subselect)
            read = _columns(value.subselect.targetList)
            if table and read:
                yield table, frozenset(read), (f"its subquery for {target.name or 'a value'} "
                                               f"takes one row of {table} (LIMIT 1)"), frozenset()


def _keys(keys: object) -> frozenset[str]:
    """The columns a DISTINCT ON or a PARTITION BY keys rows by, when each is a bare column:
    every value of them reaches the copy (the rows left out repeat the kept one's)."""
    found = [k for k in keys or () if isinstance(k, ast.ColumnRef)]  # type: ignore[attr-defined]
    return frozenset(_last(k) for k in found)


def function_name(call: ast.FuncCall) -> str:
    """A call's function, unqualified, in lower case (``row_number``)."""
    return str(getattr((call.funcname or ())[-1], "sval", "")).lower()


def _last(column: ast.ColumnRef) -> str:
    return str(getattr((column.fields or ())[-1], "sval", "")).lower()


def _columns(node: object) -> set[str]:
    """The names (lower case) of the columns an expression reads, its table aside."""
    if node is None:
        return set()
    refs = ColumnRefs()
    refs(node)  # type: ignore[arg-type]
    return {parts[-1].lower() for parts in refs.refs if parts and parts[-1] != "*"} | (
        {"*"} if any(parts and parts[-1] == "*" for parts in refs.refs) else set())
