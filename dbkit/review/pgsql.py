"""SQL strings understood with PostgreSQL's own parser (pglast, libpg_query).

:func:`sql_ops` turns the SQL a revision executes into :class:`~dbkit.review.ops.Op` objects:
DDL (``ALTER TABLE ... DROP COLUMN``, ``ADD COLUMN ... NOT NULL``, ``SET NOT NULL``, ``TYPE ...
USING``, renames, ``DROP TABLE``, ``CREATE TABLE``, indexes) and data movements (``UPDATE ...
SET ... [FROM ...]``, ``INSERT ... SELECT``, ``CREATE TABLE ... AS SELECT``), with the columns
each one reads and fills."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from pglast import ast, parse_sql
from pglast.enums import A_Expr_Kind, AlterTableType, BoolExprType, ConstrType, NullTestType, ObjectType
from pglast.parser import ParseError

from dbkit.review import temptables
from dbkit.review.checkexpr import sql_check
from dbkit.review.membership import members
from dbkit.review.mysqlddl import not_parsed
from dbkit.review.ops import ColumnInfo, Op, Ref, stamped
from dbkit.review.overwrites import retyped_blind
from dbkit.review.plpgsql import do_block
from dbkit.review.routines import calls, created
from dbkit.review.selfcopy import self_copy
from dbkit.review.sqlholes import parseable, parsed
from dbkit.review.sqlrefs import ColumnRefs as _ColumnRefs
from dbkit.review.sqlrefs import (
    Outputs,
    all_null_tests,
    and_tests,
    boolean_test,
    column_name,
    cte_outputs,
    distinct_order,
    has_sublink,
    joined_delete,
    overwritten,
    picked_by,
    pinned_columns,
    plain_copies,
    removed_rows,
    same_row_copies,
    set_tests,
    sublink_keys,
    sublink_outputs,
    sublink_set_tests,
    through_ctes,
)
from dbkit.review.sqlrefs import aliases as _aliases
from dbkit.review.sqlrefs import as_sql as _sql
from dbkit.review.sqlrefs import name as _name
from dbkit.review.sqlrefs import reads as _reads
from dbkit.review.sqlrefs import subselects as _subselects
from dbkit.review.unqualified import from_tables
from dbkit.review.wherepicks import only_picks

# A DELETE in SQL it cannot parse: which rows it removes is not known.
_DELETE = re.compile(r"^\s*delete\s+from\s+([\w.\"]+)", re.I | re.M)
_WHERE = re.compile(r"\bwhere\b", re.I)


def sql_ops(sql: str, line: int, end_line: int) -> list[Op]:
    """The operations of a SQL string; an ``execute`` op for what cannot be parsed, or may move
    rows in a way not followed (a CALL, a function selected; a DO block: plpgsql.py). Each holds
    the temporary tables the text makes (temptables.py)."""
    ops = _sql_ops(sql, line, end_line)
    made = temptables.created(sql)
    for each in ops if made else ():
        each.temporary = made
    return ops


def _sql_ops(sql: str, line: int, end_line: int) -> list[Op]:
    try:
        statements = parsed(sql)
    except ParseError:
        gone = [Op("delete", line, end_line, table=d.group(1).replace('"', ''), via="sql",
                   removes="unknown")] if (d := _DELETE.search(sql)) and _WHERE.search(sql) else []
        return not_parsed(sql, line, end_line, gone)
    ops: list[Op] = []
    for raw in statements:
        found: list[Op] | None
        if isinstance(raw.stmt, ast.CreateFunctionStmt):  # (its body: routines.py)
            found = created(parseable(sql), raw, line, end_line, sql_ops)
        else:
            found = do_block(parseable(sql), raw, line, end_line, sql_ops) if isinstance(
                raw.stmt, ast.DoStmt) else stamped(_statement(raw.stmt, line, end_line), raw.stmt)
        if found is None or not found and _may_move_rows(raw.stmt):  # None: a DO not parsed
            found = stamped([Op("execute", line, end_line, via="sql")], raw.stmt)
        ops += calls(raw.stmt, line, end_line) + found
    return ops


def _may_move_rows(stmt: object) -> bool:
    """A statement read but not understood that may read or write rows: a CALL, a COPY, a
    SELECT of a function. DDL it has no op for (CREATE FUNCTION, a trigger, SET) changes none."""
    if isinstance(stmt, (ast.CallStmt, ast.CopyStmt, ast.DeleteStmt)):  # (DO: plpgsql.py)
        return True
    return isinstance(stmt, ast.SelectStmt) and not stmt.fromClause and stmt.targetList is not None \
        and any(isinstance(t.val, ast.FuncCall) for t in stmt.targetList
                if isinstance(t, ast.ResTarget))


SERIALS = ("serial", "bigserial", "smallserial", "serial4", "serial8", "serial2")


def _type(type_name: ast.TypeName | None) -> str | None:
    if type_name is None or not type_name.names:
        return None
    return type_name.names[-1].sval


def _column(definition: ast.ColumnDef) -> ColumnInfo:
    constraints = definition.constraints or ()
    kinds = {c.contype for c in constraints}
    not_null = bool(kinds & {ConstrType.CONSTR_NOTNULL, ConstrType.CONSTR_PRIMARY}) \
        or bool(definition.is_not_null)
    type_ = _type(definition.typeName)
    default = bool(kinds & {ConstrType.CONSTR_DEFAULT, ConstrType.CONSTR_IDENTITY,
                            ConstrType.CONSTR_GENERATED}) \
        or (type_ or "").lower() in SERIALS  # DEFAULT nextval(...): every row gets one
    return ColumnInfo(definition.colname or "", type_, not not_null,
                      default, ConstrType.CONSTR_GENERATED in kinds)


def _select_reads(select: ast.SelectStmt | None) -> set[Ref]:
    if select is None:
        return set()
    tables, subs = _aliases(select.fromClause), _subselects(select.fromClause)
    only = next(iter(set(tables.values()))) if len(set(tables.values())) == 1 and not subs \
        else None
    reads = _reads(select.targetList, tables, only, subs)
    if select.larg is not None or select.rarg is not None:  # UNION and friends
        reads |= _select_reads(select.larg) | _select_reads(select.rarg)
    # SELECT * reads every column of every table (and subquery) it names
    star = any(c == "*" and t0 is None for t0, c in reads)
    return {(t if c != "*" or t else only, c) for t, c in reads} | {
        (t, "*") for t in tables.values() if star} | {
        r for output in subs.values() if star for r in output[None]}


def _statement(stmt: object, line: int, end: int) -> list[Op]:
    """The ops of one statement, those of its WITH queries first; but a WITH query that
    hands on its rows (``DELETE ... RETURNING``) after the statement reading them, and a
    column read from a WITH query is read from what that column is read from. A WITH
    query's SELECT under a statement that writes is no read into code: its rows reach only
    that statement, which reads them through it (iris 000034's ranked ``DELETE``)."""
    ops: list[Op] = []
    handed: list[Op] = []
    outputs: dict[str, Outputs] = {}
    with_clause = getattr(stmt, "withClause", None)
    writes = not isinstance(stmt, ast.SelectStmt)
    for cte in getattr(with_clause, "ctes", None) or ():
        if isinstance(cte, ast.CommonTableExpr):
            found = [o for o in _statement(cte.ctequery, line, end)
                     if not (writes and o.name == "read")]
            for op in found if outputs else ():  # it may read the WITH queries before it
                op.reads = through_ctes(op.reads, outputs)
            moves = getattr(cte.ctequery, "returningClause", None)
            handed, ops = (handed + found, ops) if moves else (handed, ops + found)
            output = cte_outputs(cte.ctequery)
            if output is not None and cte.ctename:  # through the WITH queries before it
                outputs[str(cte.ctename)] = {k: through_ctes(v, outputs)
                                             for k, v in output.items()}
    main = _one(stmt, line, end)
    for op in main if outputs else ():
        op.reads = through_ctes(op.reads, outputs)
    return ops + main + handed


def _one(stmt: object, line: int, end: int) -> list[Op]:
    def op(name: str, **kw: object) -> Op:
        return Op(name, line, end, via="sql", **kw)  # type: ignore[arg-type]

    handler = STATEMENTS.get(type(stmt))
    return handler(stmt, op) if handler is not None else []


def _update(stmt: ast.UpdateStmt, op: Callable[..., Op]) -> list[Op]:
    table = _name(stmt.relation)
    tables, subs = _aliases(stmt.fromClause), _subselects(stmt.fromClause)
    if table and stmt.relation is not None:
        alias = stmt.relation.alias
        tables[str(alias.aliasname) if alias is not None else table] = table
        tables.setdefault(table, table)
    targets = stmt.targetList or ()
    reads: set[Ref] = set()
    for target in targets:  # (a subquery's own columns: what it carries into the SET)
        outputs = sublink_outputs(target.val, tables)  # less the keys its WHEREs match on
        reads |= (_reads(target.val, tables, table if not stmt.fromClause else None, subs)
                  - (sublink_keys(target.val, tables) - outputs)) | outputs
    written = {t.name for t in targets if t.name}
    computed = frozenset(reads) if not _through_subqueries(targets, subs) \
        else frozenset(reads) | {SUBQUERY}  # no same-row formula (derived.py)
    if stmt.fromClause:  # the join condition carries the old values into the new ones
        reads |= _reads(stmt.whereClause, tables, None, subs)
    else:  # SET status = 'approved' WHERE is_approved: is_approved lives on in status
        uncarried = written | only_picks(stmt)  # (and those it only picks rows by: wherepicks.py)
        reads |= {(t, c) for t, c in _reads(stmt.whereClause, tables, table) if c not in uncarried}
    if not stmt.fromClause and _tests_nulls(stmt.whereClause, written):  # the NULL rows only:
        computed = frozenset(ref for target in targets  # a CASE of constants is their default
                             if not _picks_a_constant(target.val)
                             for ref in _reads(target.val, tables, table, subs)) \
            | (computed & {SUBQUERY})
    unreached, other = _where_limits(stmt.whereClause, written) if not stmt.fromClause \
        else (frozenset(), "")
    tested = frozenset((table, c) for c in set_tests(stmt.whereClause)
                       if table and not stmt.fromClause and (table, c) not in computed) \
        | sublink_set_tests(targets, tables)
    return [op("backfill", table=table, reads=reads, unreached=unreached, some_rows=other,
               picks=_constant_where(stmt.whereClause) if other else "", computed=computed,
               null_tests=all_null_tests(stmt.whereClause, written) if other else frozenset(),
               writes={(table, t.name) for t in targets if table and t.name}, tested=tested,
               clears=overwritten(stmt), same_row=same_row_copies(targets, stmt.fromClause))]


def _picks_a_constant(value: object) -> bool:
    """``CASE restricted WHEN true THEN 50 ELSE 250000 END``: one of a few constants, picked
    by other columns. Given only to the rows left NULL, it is a default by kind, no sign the
    other rows' values derive from those columns (derived.py)."""
    if not isinstance(value, ast.CaseExpr):
        return False
    results = [w.result for w in value.args or ()] + [value.defresult]
    return all(not _reads(r, {}, None) for r in results)


SUBQUERY: Ref = ("(subquery)", "*")  # what a value computed through a subquery also reads


def _through_subqueries(targets: object, subs: dict) -> bool:
    """Does a SET value read a subquery's output or hold a subquery of its own?"""
    for target in targets or ():  # type: ignore[attr-defined]
        refs = _ColumnRefs()
        refs(target.val)
        if has_sublink(target.val) or any(len(n) >= 2 and n[-2] in subs for n in refs.refs):
            return True
    return False


def _constant_where(where: object) -> str:
    """A WHERE that picks the same rows every time it runs, as SQL; "" when it compares with
    a bound parameter (``WHERE id = :id``, run once per row, may reach every row)."""
    text = _sql(where)
    return "" if re.search(r"\$\d", text) else text


def _where_limits(where: object, written: set[str]) -> tuple[frozenset[str], str]:
    """What an UPDATE's WHERE keeps it from filling: the written columns it compares
    (``SET provider = 'Telegram' WHERE provider = 'telegram'``: a NULL never matches, so no
    NULL is filled), and, when it tests other columns only (``WHERE name = 'policy'``), the
    columns it tests ("" when it reaches every NULL: no WHERE, or ``c IS NULL``)."""
    if where is None:
        return frozenset(), ""
    conjuncts = and_tests(where)
    compared = {name for c in conjuncts if isinstance(c, ast.A_Expr)
                and c.kind not in (A_Expr_Kind.AEXPR_DISTINCT, A_Expr_Kind.AEXPR_NOT_DISTINCT)
                for side in (c.lexpr, c.rexpr) if (name := column_name(side))}
    unreached = frozenset(compared & written)
    if unreached or _tests_nulls(where, written):
        return unreached, ""
    tested = sorted({c for _, c in _reads(where, {}, None)} - written)
    return unreached, ", ".join(tested) or "a condition"


def _tests_nulls(where: object, written: set[str]) -> bool:
    """Does the WHERE pick the rows whose written column is NULL (``c IS NULL``, alone or OR-ed)?"""
    tests = list(where.args or ()) if isinstance(where, ast.BoolExpr) \
        and where.boolop == BoolExprType.OR_EXPR else [where]
    return any(isinstance(t, ast.NullTest) and t.nulltesttype == NullTestType.IS_NULL
               and column_name(t.arg) in written for t in tests)


def _delete(stmt: ast.DeleteStmt, op: Callable[..., Op]) -> list[Op]:
    """``DELETE FROM t WHERE c IS NULL``: no row is left NULL in c (as good as a backfill);
    ``DELETE FROM t``: no row is left at all. Any other DELETE of a known table (no USING,
    no RETURNING) only removes rows: it carries no value anywhere, so it casts no doubt on
    a drop; the NULLs of a column its WHERE tests are removed from some rows only (a NOT
    NULL after it is no proof either way)."""
    table = _name(stmt.relation)
    where = None if _always_true(stmt.whereClause) else stmt.whereClause
    if where is None and table and not stmt.usingClause:
        return [op("empty", table=table)]
    tests = list(where.args or ()) if isinstance(where, ast.BoolExpr) \
        and where.boolop == BoolExprType.OR_EXPR else [where]
    nulls = [str(t.arg.fields[-1].sval) for t in tests
             if isinstance(t, ast.NullTest) and t.nulltesttype == NullTestType.IS_NULL
             and isinstance(t.arg, ast.ColumnRef) and t.arg.fields
             and isinstance(t.arg.fields[-1], ast.String)]
    if nulls and table:  # (and the rows it picks are gone: data-dropped's)
        picks, removes = removed_rows(stmt, table)
        return [op("backfill", table=table, writes={(table, c) for c in nulls}),
                op("delete", table=table, picks=picks, removes=removes)]
    if not table or stmt.returningClause:
        return []  # an `execute` op: rows it cannot follow
    picks, removes = removed_rows(stmt, table)
    if stmt.usingClause and removes == "duplicates":  # a self-join: one row of each kept
        return [op("execute", copies_none=frozenset()), op("delete", table=table, picks=picks,
                                                            removes=removes)]
    if stmt.usingClause:  # the rows a join picks, read as ``WHERE ... IN (SELECT ...)``
        return [op("delete", table=table, picks=picks, removes=removes, **joined_delete(stmt, table))]
    cleared, tested = _not_nulls(tests), sorted({c for _, c in _reads(where, {}, None)})
    if cleared:  # WHERE a IS NOT NULL OR b IS NOT NULL: its rows are gone, a and b all NULL
        return [op("delete", table=table, picks=picks, removes=removes, some_rows=", ".join(
            cleared)), *(op("empty", table=table, column=c) for c in cleared)]
    return [op("delete", table=table, keys=tuple(tested), picks=picks, removes=removes,
               pinned=pinned_columns(where), null_tests=all_null_tests(where, set(tested)),
               some_rows=", ".join(tested) or "a condition", one_value=boolean_test(where))]


def _always_true(where: object) -> bool:
    """``WHERE true`` (or ``WHERE 1 = 1``): every row, as no WHERE (access-tool f99d084537da:
    ``DELETE FROM sticker_item WHERE true``, a NOT NULL add after it)."""
    if isinstance(where, ast.A_Const):
        return isinstance(where.val, ast.Boolean) and bool(where.val.boolval)
    if not (isinstance(where, ast.A_Expr) and where.kind == A_Expr_Kind.AEXPR_OP
            and [getattr(n, "sval", None) for n in where.name or ()] == ["="]):
        return False
    sides = [s.val.ival for s in (where.lexpr, where.rexpr)
             if isinstance(s, ast.A_Const) and isinstance(s.val, ast.Integer)]
    return len(sides) == 2 and sides[0] == sides[1]


def _not_nulls(tests: list) -> list[str]:
    """The columns of ``c IS NOT NULL`` tests when every OR-ed test is one (the rows a
    DELETE with that WHERE removes are all those holding a value in any of them)."""
    found = [column_name(t.arg) for t in tests if isinstance(t, ast.NullTest)
             and t.nulltesttype == NullTestType.IS_NOT_NULL]
    return [c for c in found if c] if len(found) == len(tests) and all(found) else []


def _truncate(stmt: ast.TruncateStmt, op: Callable[..., Op]) -> list[Op]:
    """``TRUNCATE a, b``: no row is left in either."""
    return [op("empty", table=table) for table in map(_name, stmt.relations or ()) if table]


def _insert(stmt: ast.InsertStmt, op: Callable[..., Op]) -> list[Op]:
    table = _name(stmt.relation)
    cols = [c.name for c in stmt.cols or () if c.name]
    select = stmt.selectStmt if isinstance(stmt.selectStmt, ast.SelectStmt) else None
    reads = _select_reads(select) if select is not None and (
        select.fromClause or select.larg is not None  # (or values read by subqueries)
        or any(has_sublink(t) for t in select.targetList or ())) else set()
    if reads and select is not None:
        reads |= _joined_links(select, reads)
    return [op("insert", table=table, reads=reads, from_tables=from_tables(select),
               writes={(table, c) for c in cols or ["*"]} if table else set(),
               self_copy=self_copy(stmt, table))]


def _equalities(node: object, tables: dict[str, str]) -> list[tuple[Ref, Ref]]:
    """The ``a.x = b.y`` tests between columns of two named tables that a join's ON and a
    WHERE require (AND-ed, not under an OR or a NOT)."""
    if isinstance(node, ast.BoolExpr):
        if node.boolop != BoolExprType.AND_EXPR:
            return []
        return [pair for arg in node.args or () for pair in _equalities(arg, tables)]
    if isinstance(node, ast.JoinExpr):
        return _equalities(node.larg, tables) + _equalities(node.rarg, tables) \
            + _equalities(node.quals, tables)
    if not (isinstance(node, ast.A_Expr) and node.kind == A_Expr_Kind.AEXPR_OP
            and [getattr(n, "sval", None) for n in node.name or ()] == ["="]):
        return []
    sides = [_reads(side, tables, None) if isinstance(side, ast.ColumnRef) else set()
             for side in (node.lexpr, node.rexpr)]
    if not all(len(side) == 1 for side in sides):
        return []
    (left,), (right,) = sides
    return [(left, right)] if left[0] and right[0] and left[0] != right[0] else []


def _joined_links(select: ast.SelectStmt, reads: set[Ref]) -> set[Ref]:
    """The columns an INSERT ... SELECT keeps without selecting them: a link a join follows.
    ``SELECT builds.id, testcases.id FROM builds JOIN packages ON packages.id =
    builds.package_id JOIN testcases ON packages.id = testcases.package_id``: each pair
    written keeps which package the testcase was linked to (testcases.package_id), since its
    own table's row and a row on the other side of the test both reach the target list."""
    tables = _aliases(select.fromClause)
    pairs = [p for f in select.fromClause or () for p in _equalities(f, tables)]
    pairs += _equalities(select.whereClause, tables)
    selected = {t for t, _ in reads if t}
    kept: set[Ref] = set()
    for left, right in pairs:
        for own, other in ((left, right), (right, left)):
            if own[0] in selected and _reaches(other[0], own[0], pairs, selected):
                kept.add(own)
    return kept


def _reaches(start: str | None, avoid: str | None, pairs: list[tuple[Ref, Ref]],
             selected: set[str]) -> bool:
    """Is a selected table joined to ``start`` (itself included) without passing ``avoid``?"""
    seen, todo = {start}, [start]
    while todo:
        table = todo.pop()
        if table in selected:
            return True
        for a, b in pairs:
            for here, there in ((a[0], b[0]), (b[0], a[0])):
                if here == table and there not in seen and there != avoid:
                    seen.add(there)
                    todo.append(there)
    return False


def _create_as(stmt: ast.CreateTableAsStmt, op: Callable[..., Op]) -> list[Op]:
    if stmt.into is None:
        return []
    table = _name(stmt.into.rel)
    select = stmt.query if isinstance(stmt.query, ast.SelectStmt) else None
    return [op("create_table", table=table, if_not_exists=bool(stmt.if_not_exists),
               copies=plain_copies(select)),
            op("insert", table=table, reads=_select_reads(select), from_tables=from_tables(select),
               writes={(table, "*")} if table else set())]


def _create(stmt: ast.CreateStmt, op: Callable[..., Op]) -> list[Op]:
    columns = {c.colname: _column(c) for c in stmt.tableElts or ()
               if isinstance(c, ast.ColumnDef) and c.colname}
    uniques = tuple((c.conname, tuple(str(k.sval) for k in c.keys or ()) or (e.colname,))
                    for e in stmt.tableElts or () for c in ([e] if isinstance(e, ast.Constraint)
                                                           else getattr(e, "constraints", ()) or ())
                    if isinstance(c, ast.Constraint) and c.contype == ConstrType.CONSTR_UNIQUE)
    return [op("create_table", table=_name(stmt.relation), columns=columns, uniques=uniques,
               if_not_exists=bool(stmt.if_not_exists))]


def _alter_table(stmt: ast.AlterTableStmt, op: Callable[..., Op]) -> list[Op]:
    if stmt.objtype != ObjectType.OBJECT_TABLE:
        return []
    table = _name(stmt.relation)
    return [o for cmd in stmt.cmds or () for o in _alter(cmd, table, op)]


def _rename(stmt: ast.RenameStmt, op: Callable[..., Op]) -> list[Op]:
    table = _name(stmt.relation)
    if stmt.renameType == ObjectType.OBJECT_COLUMN:
        return [op("alter_column", table=table, column=stmt.subname, new_name=stmt.newname)]
    if stmt.renameType == ObjectType.OBJECT_TABLE and table:
        schema = table.rpartition(".")[0]
        new = f"{schema}.{stmt.newname}" if schema else stmt.newname
        return [op("rename_table", table=table, new_name=new)]
    if stmt.renameType == ObjectType.OBJECT_TABCONSTRAINT and table and stmt.subname:
        return [op("rename_constraint", table=table, constraint=stmt.subname, new_name=stmt.newname)]
    if stmt.renameType == ObjectType.OBJECT_INDEX and table:
        schema = table.rpartition(".")[0]
        return [op("rename_index", table=schema or None,
                   constraint=table.rpartition(".")[2], new_name=stmt.newname)]
    return []


TRIGGER_BEFORE, TRIGGER_INSERT = 2, 4  # pglast's CreateTrigStmt timing / events bits


def _trigger(stmt: ast.CreateTrigStmt, op: Callable[..., Op]) -> list[Op]:
    """``CREATE TRIGGER t BEFORE INSERT ... ON table ... EXECUTE FUNCTION f()``."""
    if not (stmt.row and (stmt.timing or 0) & TRIGGER_BEFORE and (stmt.events or 0) & TRIGGER_INSERT):
        return []
    names = [str(n.sval) for n in stmt.funcname or () if isinstance(n, ast.String)]
    return [op("insert_trigger", table=_name(stmt.relation), constraint=stmt.trigname,
               new_name=names[-1].lower() if names else None)]


def _drop(stmt: ast.DropStmt, op: Callable[..., Op]) -> list[Op]:
    if stmt.removeType == ObjectType.OBJECT_TRIGGER:
        return [op("drop_trigger", table=".".join(str(n.sval) for n in names[:-1]),
                   constraint=str(names[-1].sval)) for names in stmt.objects or () if names]
    name = {ObjectType.OBJECT_TABLE: "drop_table", ObjectType.OBJECT_INDEX: "drop_index",
            ObjectType.OBJECT_MATVIEW: "drop_view", ObjectType.OBJECT_VIEW: "drop_view"}.get(
        stmt.removeType)  # type: ignore[arg-type]
    if name is None:
        return []
    found = []
    for names in stmt.objects or ():
        parts = [str(n.sval) for n in names if isinstance(n, ast.String)]
        if name != "drop_index":
            found.append(op(name, table=".".join(parts), if_exists=bool(stmt.missing_ok)))
        else:
            found.append(op(name, constraint=parts[-1] if parts else None))
    return found


def _index(stmt: ast.IndexStmt, op: Callable[..., Op]) -> list[Op]:
    keys = tuple(e.name for e in stmt.indexParams or () if getattr(e, "name", None))
    return [op("create_index", table=_name(stmt.relation), constraint=stmt.idxname,
               if_not_exists=bool(stmt.if_not_exists), keys=keys)]


def _select(stmt: ast.SelectStmt, op: Callable[..., Op]) -> list[Op]:
    return [op("read", reads=_select_reads(stmt) | members(stmt), picked_by=picked_by(stmt))] \
        if stmt.fromClause or stmt.larg is not None else []  # (flagged keys: membership.py)


def select_output(sql: str) -> frozenset[str] | None:
    """The names a row of this one plain SELECT carries (its output columns and the columns
    they are computed from, lower case): what a loop over its rows can copy. None when it is
    no single SELECT of listed columns (``SELECT *``, several statements, unparseable)."""
    try:
        statements = parse_sql(parseable(sql))
    except ParseError:
        return None
    if len(statements) != 1 or not isinstance(statements[0].stmt, ast.SelectStmt) \
            or not statements[0].stmt.targetList:
        return None
    names: set[str] = set()
    for target in statements[0].stmt.targetList:
        if target.name:
            names.add(target.name.lower())
        refs = _ColumnRefs()
        refs(target.val)
        for fields in refs.refs:
            if not fields or fields[-1] == "*":
                return None
            names.add(fields[-1].lower())
    return frozenset(names)


def select_targets(sql: str) -> list[tuple[str | None, set[Ref]]] | None:
    """Each output column of one plain SELECT: its name (the alias, or the column's own name)
    and the (table, column) pairs it is computed from; None unless one SELECT of listed columns."""
    try:
        statements = parse_sql(parseable(sql))
    except ParseError:
        return None
    if len(statements) != 1 or not isinstance(statements[0].stmt, ast.SelectStmt):
        return None
    select = statements[0].stmt
    if not select.targetList or not select.fromClause:
        return None
    tables, subs = _aliases(select.fromClause), _subselects(select.fromClause)
    only = next(iter(set(tables.values()))) if len(set(tables.values())) == 1 and not subs \
        else None
    found: list[tuple[str | None, set[Ref]]] = []
    for target in select.targetList:
        reads = _reads(target.val, tables, only, subs)
        if any(c == "*" for _, c in reads):
            return None
        found.append((target.name or column_name(target.val), reads))
    return found


def _insert_flags(stmt: ast.InsertStmt, op: Callable[..., Op]) -> list[Op]:
    """An INSERT ... SELECT also keeps the boolean columns of its source that its WHERE tests
    (``SELECT id, 'letter' FROM services WHERE can_send_letters``: each flag set lives on as a
    row; each SELECT of a UNION too: membership.py) or its DISTINCT ON's ORDER BY ranks rows
    by (``ORDER BY user_id, "primary" DESC``)."""
    ops = _insert(stmt, op)
    select = stmt.selectStmt if isinstance(stmt.selectStmt, ast.SelectStmt) else None
    if select is None or not ops or not ops[0].reads:
        return ops
    ops[0].reads |= members(select, ops[0].table)
    if not select.fromClause:
        return ops
    tables = _aliases(select.fromClause)
    only = next(iter(set(tables.values()))) if len(set(tables.values())) == 1 else None
    where = select.whereClause
    tests = and_tests(where)
    for test in tests:
        if isinstance(test, ast.ColumnRef):
            ops[0].reads |= _reads(test, tables, only)
    ranked = distinct_order(select, tables, only)
    ops[0].reads, ops[0].tested = ops[0].reads | ranked, ops[0].tested | ranked
    return ops


STATEMENTS: dict[type, Callable[..., list[Op]]] = {
    ast.UpdateStmt: _update, ast.DeleteStmt: _delete, ast.InsertStmt: _insert_flags,
    ast.CreateTableAsStmt: _create_as, ast.CreateStmt: _create,
    ast.AlterTableStmt: _alter_table, ast.RenameStmt: _rename, ast.DropStmt: _drop,
    ast.IndexStmt: _index, ast.SelectStmt: _select, ast.TruncateStmt: _truncate,
    ast.CreateTrigStmt: _trigger,
}


def _alter(cmd: ast.AlterTableCmd, table: str | None, op: Callable[..., Op]) -> Iterator[Op]:
    kind = cmd.subtype
    if kind == AlterTableType.AT_AddColumn and isinstance(cmd.def_, ast.ColumnDef):
        column = _column(cmd.def_)
        yield op("add_column", table=table, column=column.name, added=column,
                 if_not_exists=bool(cmd.missing_ok))
    elif kind == AlterTableType.AT_DropColumn:
        yield op("drop_column", table=table, column=cmd.name, if_exists=bool(cmd.missing_ok))
    elif kind in (AlterTableType.AT_SetNotNull, AlterTableType.AT_DropNotNull):
        yield op("alter_column", table=table, column=cmd.name, nullable=kind == AlterTableType.AT_DropNotNull)
    elif kind == AlterTableType.AT_AlterColumnType and isinstance(cmd.def_, ast.ColumnDef) \
            and (blind := retyped_blind(cmd.name, cmd.def_.raw_default)):  # USING gen_random_uuid()
        yield op("alter_column", table=table, column=cmd.name, clears=blind)
    elif kind == AlterTableType.AT_AddConstraint and isinstance(cmd.def_, ast.Constraint):
        kinds = {ConstrType.CONSTR_UNIQUE: "create_unique_constraint",
                 ConstrType.CONSTR_FOREIGN: "create_foreign_key",
                 ConstrType.CONSTR_CHECK: "create_check_constraint",
                 ConstrType.CONSTR_PRIMARY: "create_primary_key"}
        name = kinds.get(cmd.def_.contype) if cmd.def_.contype is not None else None
        if name and cmd.def_.conname:  # unnamed in SQL: PostgreSQL names it, SQL can drop it
            keys = tuple(k.sval for k in cmd.def_.keys or () if isinstance(k, ast.String))
            yield op(name, table=table, constraint=cmd.def_.conname, keys=keys,
                     checks=sql_check(cmd.def_))
    elif kind == AlterTableType.AT_DropConstraint and cmd.name:
        yield op("drop_constraint", table=table, constraint=cmd.name)
