"""Names in parsed SQL: which table (or subquery output) a column reference reads.

Used by :mod:`dbkit.review.pgsql`: an alias of a FROM clause stands for its table; a
subquery's alias (``FROM (SELECT about AS bio FROM profiles) AS s``) for the columns its
output is read from (``s.bio`` reads ``profiles.about``); a scalar subquery's own FROM names
the columns it reads (``(SELECT p.about FROM profiles p WHERE ...)``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pglast import ast
from pglast.enums import A_Expr_Kind, BoolExprType, NullTestType
from pglast.stream import RawStream
from pglast.visitors import Skip, Visitor

from dbkit.review.ops import Ref

if TYPE_CHECKING:
    from pglast.visitors import Ancestor

_FSTRING_HOLE = "{}"  # what an f-string's unknown part reads as (see reader._value)


def name(rangevar: ast.RangeVar | None) -> str | None:
    if rangevar is None or not rangevar.relname:
        return None
    if _FSTRING_HOLE in rangevar.relname:
        return None
    # public is the default schema: public.t is the table t (the search_path's own); a schema
    # the reviewer cannot evaluate ("{schema}"."t", schema from os.getenv) is read as
    # op.add_column(..., schema=<unknown>) is: the table t
    return f"{rangevar.schemaname}.{rangevar.relname}" if rangevar.schemaname \
        and rangevar.schemaname != "public" and _FSTRING_HOLE not in rangevar.schemaname \
        else rangevar.relname


class ColumnRefs(Visitor):
    def __init__(self) -> None:
        self.refs: list[tuple[str, ...]] = []

    def visit_ColumnRef(self, ancestors: Ancestor, node: ast.ColumnRef) -> None:
        names = tuple("*" if isinstance(f, ast.A_Star) else f.sval for f in node.fields or ())
        self.refs.append(names)


def aliases(from_clause: object, *, subqueries: bool = False) -> dict[str, str]:
    """alias (or name) -> table, for the tables of a FROM clause, joins included (not those
    inside a subquery: its alias stands for its output, see :func:`subselects`; with
    ``subqueries``, theirs too, for every table a whole statement names)."""
    found: dict[str, str] = {}

    class Tables(Visitor):
        def visit_RangeVar(self, ancestors: Ancestor, node: ast.RangeVar) -> None:
            table = name(node)
            if table:
                found[str(node.alias.aliasname if node.alias else node.relname)] = table
                found.setdefault(table, table)

        def visit_RangeSubselect(self, ancestors: Ancestor, node: ast.RangeSubselect) -> object:
            return None if subqueries else Skip

    if from_clause:
        Tables()(from_clause)  # type: ignore[arg-type]
    return found


Outputs = dict[str | None, set[Ref]]  # a subquery's output column -> what it is read from


def subselects(from_clause: object) -> dict[str, Outputs]:
    """alias -> its output columns, for each ``(SELECT ...) AS alias`` of a FROM clause (a
    LATERAL one may name the tables beside it)."""
    found: dict[str, Outputs] = {}
    beside = aliases(from_clause)

    class Subs(Visitor):
        def visit_RangeSubselect(self, ancestors: Ancestor, node: ast.RangeSubselect) -> object:
            if node.alias is not None and isinstance(node.subquery, ast.SelectStmt):
                found[str(node.alias.aliasname)] = outputs(node.subquery, beside)
            return Skip

        def visit_RangeFunction(self, ancestors: Ancestor, node: ast.RangeFunction) -> object:
            # ``json_each(projects.access_rights::json) AS js``: js.key, js.value come from
            # the columns its function reads (osparc 19f3d9085636); its column names too, and
            # a function of those (``jsonb_each(alc.examples) AS e(key, items),
            # jsonb_array_elements(items) AS example``: sil-ai/aqua-api 2eccf09f725c)
            alias = node.alias.aliasname if node.alias is not None else None
            read = reads(node.functions, beside, None, found) if alias else set()
            if read and all(t for t, _ in read):
                named = (node.alias.colnames if node.alias is not None else None) or ()
                found[str(alias)] = {None: read, **{str(c.sval): read for c in named
                                                    if isinstance(c, ast.String)}}
            return Skip

    if from_clause:
        Subs()(from_clause)  # type: ignore[arg-type]
    return found


def outputs(select: ast.SelectStmt, outer: dict[str, str] | None = None) -> Outputs:
    """Each output column of a SELECT (by its name; None: all of them together) and the
    (table, column) pairs it is read from, through subqueries and set operations."""
    out: Outputs = {None: set()}
    for part in (select.larg, select.rarg):
        if part is not None:
            for column, refs in outputs(part).items():
                out.setdefault(column, set()).update(refs)
    tables, subs = {**(outer or {}), **aliases(select.fromClause)}, subselects(select.fromClause)
    named = set(aliases(select.fromClause).values())
    only = next(iter(named)) if len(named) == 1 and not subs else None
    for target in select.targetList or ():
        if not isinstance(target, ast.ResTarget):
            continue
        found = reads(target.val, tables, only, subs)
        column = _output_name(target)
        out.setdefault(column, set()).update(found)
        out[None] |= found
    return out


def _output_name(target: ast.ResTarget) -> str | None:
    """The column an output of a SELECT makes: its alias, or the column it names."""
    own = target.val.fields[-1] if isinstance(target.val, ast.ColumnRef) \
        and target.val.fields else None
    return target.name or (own.sval if isinstance(own, ast.String) else None)


class _SubLinks(Visitor):
    def __init__(self) -> None:
        self.found = False

    def visit_SubLink(self, ancestors: Ancestor, node: ast.SubLink) -> None:
        self.found = True



def and_tests(where: object) -> list:
    """The tests AND-ed in a WHERE (the WHERE itself when it is no AND)."""
    return list(where.args or ()) if isinstance(where, ast.BoolExpr) \
        and where.boolop == BoolExprType.AND_EXPR else [where]

def has_sublink(node: object) -> bool:
    """Does the expression hold a subquery (``(SELECT ...)``, ``EXISTS``, ``IN (SELECT``)?"""
    links = _SubLinks()
    links(node)  # type: ignore[arg-type]
    return links.found


def sublink_aliases(expression: object, tables: dict[str, str]) -> dict[str, str]:
    """The tables an expression's own subqueries name (``(SELECT p.about FROM profiles p
    WHERE ...)``) added to ``tables`` (the outer names win)."""
    inner: dict[str, str] = {}

    class Links(Visitor):
        def visit_SubLink(self, ancestors: Ancestor, node: ast.SubLink) -> None:
            if isinstance(node.subselect, ast.SelectStmt):
                inner.update(aliases(node.subselect.fromClause))

    Links()(expression)  # type: ignore[arg-type]
    return {**inner, **tables} if inner else tables


def reads(expression: object, tables: dict[str, str], default: str | None,
           subs: dict[str, Outputs] | None = None) -> set[Ref]:
    """The (table, column) pairs an expression reads; unqualified columns: ``default``; a
    column of a subquery in FROM: what it is read from."""
    if expression is None:
        return set()
    visitor = ColumnRefs()
    visitor(expression)  # type: ignore[arg-type]
    tables = sublink_aliases(expression, tables)
    reads: set[Ref] = set()
    for names in visitor.refs:
        if len(names) >= 2 and subs and names[-2] in subs:
            output = subs[names[-2]]
            reads |= output.get(names[-1]) or output[None]
        elif len(names) >= 2:
            reads.add((tables.get(names[-2], names[-2]), names[-1]))
        elif len(names) == 1 and subs and names[0] in subs:
            # a subquery or function of FROM named whole: ``elem->>'type'`` of
            # ``jsonb_array_elements(u.mfa_methods) AS elem`` (Orainvoice 0098)
            reads |= set().union(*subs[names[0]].values())
        elif names and default is None and names[0] != "*" and any(
                names[0] in output for output in (subs or {}).values()):
            # unqualified, and a subquery beside gives that name: what it is read from
            reads |= {r for output in (subs or {}).values() for r in output.get(names[0], ())}
        elif names:
            reads.add((default, names[0]))
    return reads


def sublink_outputs(expression: object, tables: dict[str, str]) -> set[Ref]:
    """What the subqueries of an expression output, their unqualified columns read from
    their own FROM table (``(SELECT disabled FROM connector WHERE ...)`` reads
    connector.disabled, not a column of the outer table)."""
    selects: list[ast.SelectStmt] = []

    class Links(Visitor):
        def visit_SubLink(self, ancestors: Ancestor, node: ast.SubLink) -> object:
            if isinstance(node.subselect, ast.SelectStmt):
                selects.append(node.subselect)
            return Skip

    Links()(expression)  # type: ignore[arg-type]
    found: set[Ref] = set()
    for select in selects:
        inner = aliases(select.fromClause)
        if len(set(inner.values())) == 1 and not subselects(select.fromClause):
            for target in select.targetList or ():
                if isinstance(target, ast.ResTarget):
                    found |= reads(target.val, {**tables, **inner}, next(iter(inner.values())))
    return found


def sublink_keys(expression: object, tables: dict[str, str]) -> set[Ref]:
    """The columns of a subquery's own tables that its WHERE only matches on (``(SELECT
    new_id FROM "user" WHERE "user".id = item.owner_id)``: ``user.id``). Such a lookup key
    carries none of its values into what the subquery returns; the outer row's columns it
    is matched with (``item.owner_id``) do: they are translated."""
    keys: set[Ref] = set()

    class Links(Visitor):
        def visit_SubLink(self, ancestors: Ancestor, node: ast.SubLink) -> object:
            select = node.subselect
            if isinstance(select, ast.SelectStmt) and select.whereClause is not None:
                inner = aliases(select.fromClause)
                only = next(iter(inner.values())) if len(set(inner.values())) == 1 else None
                found = reads(select.whereClause, {**tables, **inner}, only)
                keys.update(r for r in found  # (a self-join's outer columns stay)
                            if r[0] in inner.values() and r[0] not in tables.values())
            return Skip

    Links()(expression)  # type: ignore[arg-type]
    return keys


def cte_outputs(query: object) -> Outputs | None:
    """A WITH query's output columns and what each is read from: a SELECT's, or the
    RETURNING list of a DELETE / UPDATE / INSERT (``WITH gone AS (DELETE FROM t RETURNING
    id, c)``: ``gone.c`` reads ``t.c``); None for anything else."""
    if isinstance(query, ast.SelectStmt):
        return outputs(query)
    returning = getattr(getattr(query, "returningClause", None), "exprs", None)
    table = name(getattr(query, "relation", None))
    if not returning or table is None:
        return None
    out: Outputs = {None: set()}
    for target in returning:
        if not isinstance(target, ast.ResTarget):
            continue
        found = reads(target.val, {table: table, table.rpartition(".")[2]: table}, table)
        if any(c == "*" for _, c in found):
            found = {(table, "*")}
        column = _output_name(target)
        out.setdefault(column, set()).update(found)
        out[None] |= found
    return out


def through_ctes(refs: set[Ref], ctes: dict[str, Outputs]) -> set[Ref]:
    """``refs`` with each column of a WITH query replaced by what it is read from."""
    found: set[Ref] = set()
    for table, column in refs:
        output = ctes.get(table or "")
        if output is None:
            found.add((table, column))
        else:
            found |= (output.get(column) if column != "*" else None) or output[None]
    return found


def column_ref(node: object) -> tuple[str, str] | None:
    """(qualifier, column) of ``q.c`` ("" for a bare ``c``), lower-cased."""
    if not isinstance(node, ast.ColumnRef):
        return None
    fields = [getattr(f, "sval", None) for f in node.fields or ()]
    if not fields or any(f is None for f in fields) or len(fields) > 2:
        return None
    return ("" if len(fields) == 1 else str(fields[0]).lower()), str(fields[-1]).lower()


def column_name(node: object) -> str | None:
    if isinstance(node, ast.ColumnRef) and node.fields and isinstance(node.fields[-1], ast.String):
        return str(node.fields[-1].sval)
    return None


def all_null_tests(where: object, written: set[str]) -> frozenset[str]:
    """``WHERE a IS NULL AND b IS NULL`` (a and b both written): {a, b}; else empty."""
    tests = list(where.args or ()) if isinstance(where, ast.BoolExpr) \
        and where.boolop == BoolExprType.AND_EXPR else [where]
    names = {column_name(t.arg) for t in tests if isinstance(t, ast.NullTest)
             and t.nulltesttype == NullTestType.IS_NULL}
    found = frozenset(n for n in names if n)
    return found if len(found) == len(tests) and found <= written else frozenset()


def boolean_test(where: object) -> str:
    """The column of ``WHERE c``, ``NOT c``, ``c = true``, ``c IS FALSE``; "" for any
    other WHERE."""
    args = where.args or () if isinstance(where, ast.BoolExpr) \
        and where.boolop == BoolExprType.NOT_EXPR else ()
    if len(args) == 1:
        where = args[0]
    elif isinstance(where, ast.BooleanTest):
        where = where.arg
    elif isinstance(where, ast.A_Expr) and where.kind == A_Expr_Kind.AEXPR_OP \
            and [n.sval for n in where.name or ()] == ["="] \
            and isinstance(getattr(where.rexpr, "val", None), ast.Boolean):
        where = where.lexpr
    return column_name(where) or ""


def plain_copies(select: ast.SelectStmt | None) -> tuple[tuple[str, str, str], ...]:
    """The output columns of a SELECT from one table (no join, no set operation, no
    grouping) that are its columns as they are: (output name, table, column)."""
    source = select.fromClause or () if select is not None else ()
    if select is None or select.larg is not None or select.groupClause \
            or len(source) != 1 or not isinstance(source[0], ast.RangeVar):
        return ()
    table = name(source[0])
    found = []
    for target in select.targetList or ():
        fields = target.val.fields if isinstance(target, ast.ResTarget) \
            and isinstance(target.val, ast.ColumnRef) else ()
        if table and fields and isinstance(fields[-1], ast.String):
            found.append((str(target.name or fields[-1].sval), table, str(fields[-1].sval)))
    return tuple(found)


_FROM = re.compile(r"\b(?:from|join)\s+([\w.\"]+)", re.I)
_NO_LINK = re.compile(r"(?:\w+\.)?\w+_id IS NULL(?: (?:AND|OR) (?:\w+\.)?\w+_id IS NULL)*",
                      re.I)
# A Core delete's where() keeping the rows whose link is found: the others are orphans.
CORE_ORPHANS = re.compile(r"notin_\(\s*(?:sa\.)?select\(|(?:~\s*|not_\(\s*)(?:sa\.)?exists\(")


def removed_rows(stmt: ast.DeleteStmt, table: str) -> tuple[str, str]:
    """A DELETE's WHERE as SQL, and which rows it removes: "duplicates" (one row of each
    group kept: a self-join ``USING t AS b``, ``NOT IN (SELECT min(id) ... GROUP BY ...)``,
    ``ctid``, a window's ``row_number()``, over the table itself), "orphans" (``NOT IN
    (SELECT id FROM other)`` / ``NOT EXISTS``, or only ``x_id IS NULL``: linked to nothing),
    else "" (the rows its WHERE picks)."""
    try:
        picks = RawStream()(stmt.whereClause) if stmt.whereClause is not None else ""
    except Exception:  # noqa: BLE001 - a node pglast cannot print: the raw condition
        picks = "a condition"
    low = picks.lower()
    bare = table.rpartition(".")[2].lower()
    using = {(name(r) or "").rpartition(".")[2].lower()
             for r in stmt.usingClause or () if isinstance(r, ast.RangeVar)}
    for item in stmt.usingClause or ():  # (``USING (SELECT ctid, row_number() ...) r``)
        try:
            low += " " + str(RawStream()(item.subquery)).lower() \
                if isinstance(item, ast.RangeSubselect) and item.subquery is not None else ""
        except Exception:  # noqa: BLE001 - a node pglast cannot print: not read
            continue
    read = {t.replace('"', "").rpartition(".")[2].lower() for t in _FROM.findall(low)}
    for query in _named_queries(stmt, read | using):  # (``WITH ranked AS (...)``, read)
        low += " " + query.lower()
        read |= {t.replace('"', "").rpartition(".")[2].lower() for t in _FROM.findall(query)}
    # (a GROUP BY alone, ``IN (SELECT a, b ... GROUP BY a, b HAVING count(*) > 1)``, picks
    # every row of each duplicated group, none kept: agenta c1c2c3c4c5c6)
    # (rows of another table a ranking picks, ``person_id IN (<persons ranked after the first
    # of each name>)``, are no duplicates: the rows of the duplicates, EmirKadr/flow 0015)
    if bare in using or bare in read and ("ctid" in low or "row_number" in low
                                          or "min(" in low or "max(" in low):
        return picks, "duplicates"
    if read - {bare} and ("not exists" in low or re.search(r"\bnot\s+\w*\.?\w+\s+in\s*\(", low)
                          or "not in (" in low):
        return picks, "orphans"
    if _NO_LINK.fullmatch(picks):  # WHERE user_id IS NULL: rows linked to nothing
        return picks, "orphans"
    return picks, ""


def _named_queries(stmt: ast.DeleteStmt, read: set[str]) -> list[str]:
    """The SQL of the statement's WITH queries its WHERE reads (iris 000034: ``WITH ranked AS
    (SELECT id, row_number() OVER (PARTITION BY ...)) DELETE ... WHERE id IN (SELECT id FROM
    ranked WHERE row_num > 1)``)."""
    found = []
    for cte in getattr(stmt.withClause, "ctes", None) or ():
        if isinstance(cte, ast.CommonTableExpr) and cte.ctequery is not None \
                and str(cte.ctename).lower() in read:
            try:
                found.append(str(RawStream()(cte.ctequery)))
            except Exception:  # noqa: BLE001 - a node pglast cannot print: not read
                continue
    return found


def overwritten(stmt: ast.UpdateStmt) -> tuple[tuple[str, str], ...]:
    """(column, value) of each column an UPDATE of every row (no WHERE, no FROM, no
    RETURNING) sets to NULL or a literal (``SET c = NULL``, ``SET c = 'x'::text``; not a
    parameter nor a function: a value code or the database computes). (An UPDATE of the
    rows a WHERE picks is most often a fix of chosen rows: notifications-api's rates and
    names, read in round 9; not reported.)"""
    where = stmt.whereClause
    if stmt.fromClause or stmt.returningClause or where is not None:
        return ()
    try:
        return tuple((str(t.name), str(RawStream()(t.val)))  # type: ignore[arg-type]
                     for t in stmt.targetList or ()
                     if isinstance(t, ast.ResTarget) and t.name and isinstance(
                         t.val.arg if isinstance(t.val, ast.TypeCast) else t.val, ast.A_Const))
    except Exception:  # noqa: BLE001 - a node pglast cannot print: not read
        return ()


def picked_by(select: ast.SelectStmt) -> frozenset[Ref]:
    """The columns a SELECT's WHERE tests, when it is a condition read whole (no parameter,
    no subquery, no set operation): the rows it takes are only those it picks."""
    where = select.whereClause if select.larg is None else None
    if where is None or has_sublink(where):
        return frozenset()
    try:
        if re.search(r"\$\d", str(RawStream()(where))):
            return frozenset()  # (rows picked by a value from code, one at a time)
    except Exception:  # noqa: BLE001 - a node pglast cannot print: not read
        return frozenset()
    tables = aliases(select.fromClause)
    only = next(iter(set(tables.values()))) if len(set(tables.values())) == 1 else None
    return frozenset(reads(where, tables, only))


def joined_delete(stmt: ast.DeleteStmt, table: str) -> dict[str, object]:
    """``DELETE FROM t AS a USING u WHERE ...``, read as ``WHERE ... IN (SELECT ...)``: the
    columns of t its WHERE tests (an unqualified one may be t's) and pins to constants (a
    column of u is none of t's), and what a SELECT of the rows takes (``a.* FROM t AS a,
    u``), for the fix."""
    tables = aliases(stmt.usingClause)
    relation = stmt.relation
    own = str(relation.alias.aliasname) if relation is not None and relation.alias is not None \
        else table.rpartition(".")[2]
    tables[own] = table
    tested = sorted({c for t, c in reads(stmt.whereClause, tables, None) if t in (table, None)})
    try:
        sources = ", ".join(str(RawStream()(n)) for n in (relation, *(stmt.usingClause or ()))
                            if n is not None)
    except Exception:  # noqa: BLE001 - a node pglast cannot print
        sources = ""
    return {"keys": tuple(tested), "pinned": pinned_columns(stmt.whereClause, own),
            "some_rows": ", ".join(tested) or "a condition",
            "using": f"{own}.* FROM {sources}" if sources else ""}


def pinned_columns(where: object, own: str | None = None) -> frozenset[str]:
    """``WHERE a = 'x' AND b IN (1, 2)``: {a, b}, the columns its AND-ed tests pin to
    constants (equality or IN a list of constants); the other tests AND-ed with them
    (``AND id NOT IN (SELECT ...)``) only narrow the rows further (monasca
    ``26083b298bb7``). ``own``: only columns unqualified or qualified by that name (a
    join's other tables are not pinned)."""
    return frozenset(pinned_values(where, own))


def pinned_values(where: object, own: str | None = None) -> dict[str, frozenset[str]]:
    """Each column :func:`pinned_columns` finds, with the constants (as SQL) it may hold."""
    tests = list(where.args or ()) if isinstance(where, ast.BoolExpr) \
        and where.boolop == BoolExprType.AND_EXPR else [where]
    found: dict[str, frozenset[str]] = {}
    for test in tests:
        if not isinstance(test, ast.A_Expr) or [getattr(n, "sval", None)
                                                for n in test.name or ()] != ["="]:
            continue
        right = test.rexpr
        constants = right if test.kind == A_Expr_Kind.AEXPR_IN and isinstance(right, (
            list, tuple)) else [right] if test.kind == A_Expr_Kind.AEXPR_OP else []
        column = column_name(test.lexpr)
        fields = (test.lexpr.fields or ()) if isinstance(test.lexpr, ast.ColumnRef) else ()
        if own is not None and len(fields) > 1 and getattr(fields[-2], "sval", own) != own:
            continue
        if column and constants and all(isinstance(c, ast.A_Const) for c in constants):
            values = frozenset(map(as_sql, constants))
            found[column] = found[column] & values if column in found else values
    return found


def set_tests(where: object) -> set[str]:
    """The columns a WHERE tests only for holding a value (``c IS NOT NULL``, ``c LIKE
    '%'``, ``c != ''``): the rows it picks keep whether c was set, nothing of what it held (koschei
    ``1d3bd1ceb2d5``: ``SET arch_override = 'x86_64' WHERE build_opts LIKE '%'``)."""
    tests = list(where.args or ()) if isinstance(where, ast.BoolExpr) else [where]
    found = set()
    for test in tests:
        if isinstance(test, ast.NullTest) and test.nulltesttype == NullTestType.IS_NOT_NULL:
            name = column_name(test.arg)
        elif _not_empty(test) or (  # c != '': whether it was set, not what it held (copr)
                isinstance(test, ast.A_Expr) and test.kind == A_Expr_Kind.AEXPR_LIKE
                and isinstance(test.rexpr, ast.A_Const)
                and getattr(test.rexpr.val, "sval", None) == "%"):
            name = column_name(getattr(test, "lexpr", None))
        else:
            continue
        if name:
            found.add(name)
    return found


def _not_empty(test: object) -> bool:
    """``c != ''`` / ``c <> ''``."""
    return isinstance(test, ast.A_Expr) and test.kind == A_Expr_Kind.AEXPR_OP \
        and [getattr(n, "sval", None) for n in test.name or ()] in (["<>"], ["!="]) \
        and isinstance(test.rexpr, ast.A_Const) and getattr(test.rexpr.val, "sval", None) == ""


def sublink_set_tests(targets: object, tables: dict[str, str]) -> set[Ref]:
    """The columns the WHERE of a SET value's subquery tests only for holding a value, and
    its SELECT list does not output: the subquery picks rows by whether they were set,
    nothing of their value reaches the SET (copr ``24e9054d4155``: ``result_dir = (SELECT
    ... WHERE build.results IS NOT NULL AND build.results != '')``)."""
    found: set[Ref] = set()
    for target in targets or ():  # type: ignore[attr-defined]
        selects: list[ast.SelectStmt] = []
        for node in _sublinks(target.val):
            if isinstance(node.subselect, ast.SelectStmt):
                selects.append(node.subselect)
        for select in selects:
            inner = {**tables, **aliases(select.fromClause)}
            where = select.whereClause
            tests = list(where.args or ()) if isinstance(where, ast.BoolExpr) \
                and where.boolop == BoolExprType.AND_EXPR else [where]
            tested = set()
            for test in tests:  # (an OR of tests is no test of one column)
                if isinstance(test, (ast.NullTest, ast.A_Expr)) and set_tests(test):
                    arg = test.arg if isinstance(test, ast.NullTest) else test.lexpr
                    tested |= reads(arg, inner, None)
            output: set[Ref] = set()
            for res in select.targetList or ():
                if isinstance(res, ast.ResTarget):
                    output |= reads(res.val, inner, None)
            found |= tested - output
    return found


def _sublinks(node: object) -> list[ast.SubLink]:
    found: list[ast.SubLink] = []

    class Links(Visitor):
        def visit_SubLink(self, ancestors: Ancestor, link: ast.SubLink) -> object:
            found.append(link)
            return Skip

    Links()(node)  # type: ignore[arg-type]
    return found


def same_row_copies(targets: object, joined: object) -> tuple[tuple[str, str], ...]:
    """An UPDATE's SET items that copy another column of the same row as it is (``SET a =
    b``; none with a FROM): (written, read) pairs, lower case. A NULL in b is one in a."""
    if joined:
        return ()
    pairs = []
    for target in targets or ():  # type: ignore[attr-defined]
        value = target.val
        fields = value.fields if isinstance(value, ast.ColumnRef) else None
        field = fields[0] if fields and len(fields) == 1 else None
        if target.name and isinstance(field, ast.String) and field.sval:
            pairs.append((target.name.lower(), field.sval.lower()))
    return tuple(pairs)


def distinct_order(select: ast.SelectStmt, tables: dict[str, str], default: str | None
                   ) -> set[Ref]:
    """The columns past its DISTINCT ON keys that a SELECT's ORDER BY ranks rows by: they
    pick the one row of each group it keeps (``SELECT DISTINCT ON (user_id) user_id, id ...
    ORDER BY user_id, "primary" DESC``: each user's primary email kept as a row, hasgeek/
    lastuser b332c012c57d), as a WHERE testing a flag picks its rows. Bare columns only."""
    keys = [k for k in select.distinctClause or () if k is not None]
    named = {_bare(k) for k in keys} - {None}
    found: set[Ref] = set()
    for item in select.sortClause or () if keys else ():
        if _bare(item.node) not in named | {None}:
            found |= reads(item.node, tables, default)
    return found


def _bare(node: object) -> str | None:
    """The name of a plain column reference (``x``, ``t.x``), else None."""
    last = node.fields[-1] if isinstance(node, ast.ColumnRef) and node.fields else None
    return last.sval if isinstance(last, ast.String) else None


def as_sql(node: object) -> str:
    """A parsed expression or statement as SQL again, on one line ("" when it cannot be
    printed)."""
    if not isinstance(node, ast.Node):
        return ""
    try:
        return " ".join(str(RawStream()(node)).split())
    except Exception:  # noqa: BLE001 - pglast raises many kinds for what it cannot print
        return ""
