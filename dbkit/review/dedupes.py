"""A DELETE of the duplicates of a key that a unique constraint already covers deletes nothing.

``WITH ranked AS (SELECT id, row_number() OVER (PARTITION BY ssh_host, external_port,
protocol ORDER BY created_at DESC) AS rn FROM nat_rule) DELETE FROM nat_rule USING ranked
WHERE nat_rule.id = ranked.id AND ranked.rn > 1`` removes every row of each group but the
first. SkyLab's ``fdb01`` runs it after ``ec01`` made ``UNIQUE (ssh_host, external_port,
protocol)`` on those NOT NULL columns: no two rows share the key, no group has a second row,
and nothing is deleted (held-out14, read by hand). Such a delete is no loss:

- the rows it removes are those ranked after the first of a group (``row_number()`` /
  ``rank()`` / ``dense_rank()`` over ``PARTITION BY`` bare columns of the deleted table, in a
  WITH query or a subquery of its USING, the table alone in its FROM; its WHERE tests that
  rank ``> 1``, ``>= 2`` or ``<> 1``);
- a unique constraint or index (or the primary key) on some of those columns, all NOT NULL,
  made earlier in the chain (an ancestor revision, or this one before the delete) and not
  dropped since, nor its table or columns, with no code the reviewer could not follow
  that may touch the table since: ``create_unique_constraint``, a unique ``create_index``,
  or one declared in ``create_table`` (``sa.UniqueConstraint``, a column's ``unique=True``;
  SW-Couriers-BE ``0135`` dedupes triggers per ``rule_set_id``, unique since ``0117:75``,
  held-out19).

A self-join does the same (``DELETE FROM cases a USING cases b WHERE a.id > b.id AND
a.text_hash = b.text_hash``: every row another of its key outranks goes); its equality never
holds on NULL, so a key with NULL columns covers it too, such as Smriti's partial unique index
``ON cases (text_hash) WHERE text_hash IS NOT NULL`` (``013``, before ``033`` dedupes,
held-out53). A partial index with any other predicate is no key of the table.

A ranked delete that no such key covers is reported as before: an error (qontinui-web's
``coord_restack_verif_sig_unique`` deletes the later verifications of each signature, which
prod held, before making it unique: a loss, held-out12). A unique key made outside the
chain, or by SQL the reviewer cannot read, is not seen: the delete stays reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pglast import ast
from pglast.enums import A_Expr_Kind, BoolExprType, NullTestType, SubLinkType

from dbkit.review.onerow import RANKS, function_name
from dbkit.review.ops import Op
from dbkit.review.reader import Revision
from dbkit.review.sqlrefs import and_tests, column_name, column_ref, name

if TYPE_CHECKING:
    from dbkit.review.context import Context

MANY = 10**6  # ancestors: all of them


# words of code or SQL that may change a table's columns or keys ("column" and "table" alone
# do not: a loop's variables are often named so)
CHANGES_TABLES = frozenset({"alter", "add", "drop", "create", "rename", "truncate", "add_column",
                            "drop_column", "alter_column", "create_table", "drop_table",
                            "rename_table", "batch_alter_table", "batch_op", "metadata", "reflect"})


def keeps_tables(code: Op) -> bool:
    """Is ``code`` (a loop or SQL not followed) one whose words say nothing that may change a
    table's columns or keys? It may write rows (route_optimizer deb08e55c8a2 re-normalizes an
    address in every row with ``UPDATE geocode_cache SET address_norm = :norm WHERE id = :id``), or
    only read them (vibe-remote 0008: ``select 1 from "{table}" where "{column}" = ? limit 1``
    for each column of a list, and ``update "{table}" set agent_name = ?``; netz 0146's
    ``INSERT ... ON CONFLICT DO UPDATE``), not the columns nor the keys the table has."""
    return code.mentions is not None \
        and not (code.mentions | (code.stores or frozenset())) & CHANGES_TABLES


def ranked_dedupe(op: Op) -> tuple[str, ...] | None:
    """The columns a DELETE removes the rows ranked after the first of each group of, when it
    is such a ranked dedupe (see the module); None for any other op."""
    stmt = op.statement
    if op.name != "delete" or not isinstance(stmt, ast.DeleteStmt) or not op.table:
        return None
    ctes = {str(c.ctename): c.ctequery for c in getattr(stmt.withClause, "ctes", None) or ()
            if isinstance(c, ast.CommonTableExpr) and isinstance(c.ctequery, ast.SelectStmt)}
    bare = op.table.rpartition(".")[2].lower()
    for item in stmt.usingClause or ():
        if keys := _ranked(item, ctes, bare, stmt.whereClause):
            return keys
    return next((k for t in and_tests(stmt.whereClause)
                 if (k := _one_kept_per_group(t, bare) or _ranked_in(t, ctes, bare))), None)


def _ranked(item: object, ctes: dict[str, ast.SelectStmt], bare: str, where: object
            ) -> tuple[str, ...] | None:
    """The PARTITION BY columns of ``item`` (a WITH query's name or a subquery, ranking the
    rows of the table alone) when ``where`` keeps only the ranks after the first."""
    query = _query_of(item, ctes)
    if query is None or _only_table(query) != bare:
        return None
    return next((keys for rank, keys in _ranks(query).items() if _after_first(where, rank)), None)


def _query_of(item: object, ctes: dict[str, ast.SelectStmt]) -> ast.SelectStmt | None:
    """The SELECT a FROM (or USING) item reads: its subquery, or the WITH query it names."""
    query = item.subquery if isinstance(item, ast.RangeSubselect) else \
        ctes.get(str(item.relname)) if isinstance(item, ast.RangeVar) else None
    return query if isinstance(query, ast.SelectStmt) else None


def _ranked_in(test: object, ctes: dict[str, ast.SelectStmt], bare: str) -> tuple[str, ...] | None:
    """``id IN (SELECT id FROM ranked WHERE rn > 1)``, ``ranked`` ranking the table's rows and
    selecting their ``id`` (Andreicr1/netz-analysis-engine 0149, held-out35)."""
    if not isinstance(test, ast.SubLink) or test.subLinkType != SubLinkType.ANY_SUBLINK \
            or not isinstance(query := test.subselect, ast.SelectStmt) \
            or len(query.fromClause or ()) != 1 or len(query.targetList or ()) != 1:
        return None
    kept = _lower(test.testexpr)
    if not kept or _lower(getattr((query.targetList or (None,))[0], "val", None)) != kept:
        return None
    item = (query.fromClause or (None,))[0]
    ranked = _query_of(item, ctes)
    if ranked is None or kept not in {_lower(getattr(t, "val", None)) for t in ranked.targetList or ()}:
        return None
    return _ranked(item, ctes, bare, query.whereClause)


def _one_kept_per_group(test: object, bare: str) -> tuple[str, ...] | None:
    """``id NOT IN (SELECT DISTINCT ON (a, b) id FROM t ORDER BY ...)`` or ``id NOT IN (SELECT
    min(id) FROM t GROUP BY a, b)``, t alone, no WHERE nor HAVING: every row but one of each
    (a, b) goes (sil-ai/aqua-api a3b7c8d9e0f1, held-out37): (a, b)."""
    link = (test.args or (None,))[0] if isinstance(test, ast.BoolExpr) \
        and test.boolop == BoolExprType.NOT_EXPR and len(test.args or ()) == 1 else None
    if not isinstance(link, ast.SubLink) or link.subLinkType != SubLinkType.ANY_SUBLINK:
        return None
    query, kept = link.subselect, _lower(link.testexpr)
    if not isinstance(query, ast.SelectStmt) or _only_table(query) != bare or not kept \
            or query.whereClause is not None or query.havingClause is not None \
            or query.limitCount is not None or len(query.targetList or ()) != 1:
        return None
    value = getattr((query.targetList or (None,))[0], "val", None)
    distinct, group = tuple(query.distinctClause or ()), tuple(query.groupClause or ())
    if distinct and not group and _lower(value) == kept:
        parts = distinct
    elif group and not distinct and isinstance(value, ast.FuncCall) \
            and function_name(value) in ("min", "max") and len(value.args or ()) == 1 \
            and _lower((value.args or (None,))[0]) == kept:
        parts = group
    else:
        return None
    keys = tuple(c for p in parts if (c := _lower(p)))
    return keys if keys and len(keys) == len(parts) else None


def _lower(node: object) -> str | None:
    name = column_name(node)
    return name.lower() if name else None


def _only_table(query: ast.SelectStmt) -> str | None:
    items = list(query.fromClause or ())
    if len(items) != 1 or not isinstance(items[0], ast.RangeVar) or query.larg is not None:
        return None
    return (name(items[0]) or "").rpartition(".")[2].lower() or None


def _ranks(query: ast.SelectStmt) -> dict[str, tuple[str, ...]]:
    """Output name -> PARTITION BY columns of each rank the query selects."""
    found = {}
    for target in query.targetList or ():
        value = getattr(target, "val", None)
        if not (isinstance(value, ast.FuncCall) and value.over is not None and target.name
                and function_name(value) in RANKS):
            continue
        parts = list(value.over.partitionClause or ())
        keys = tuple(str(getattr((p.fields or ())[-1], "sval", "")).lower() for p in parts
                     if isinstance(p, ast.ColumnRef))
        if keys and len(keys) == len(parts) and all(keys):
            found[str(target.name)] = keys
    return found


def _after_first(where: object, rank: str) -> bool:
    """Does an AND-ed test of the WHERE keep only ranks after the first (``rn > 1``)?"""
    tests = and_tests(where)
    for test in tests:
        if not isinstance(test, ast.A_Expr) or test.kind != A_Expr_Kind.AEXPR_OP:
            continue
        operator = [getattr(n, "sval", None) for n in test.name or ()]
        column = test.lexpr if isinstance(test.lexpr, ast.ColumnRef) else None
        value = getattr(getattr(test.rexpr, "val", None), "ival", None)
        if column is not None and str(getattr((column.fields or ())[-1], "sval", "")) == rank \
                and (operator, value) in ((([">"]), 1), ([">="], 2), (["<>"], 1), (["!="], 1)):
            return True
    return False


def self_joined(op: Op) -> tuple[str, ...] | None:
    """``DELETE FROM t a USING t b WHERE a.k = b.k AND a.id > b.id``, any more tests AND-ed:
    the columns ``k`` whose rows another row of the same values outranks go; None otherwise."""
    stmt = op.statement
    if op.name != "delete" or not isinstance(stmt, ast.DeleteStmt) or not op.table \
            or len(stmt.usingClause or ()) != 1 or stmt.relation is None:
        return None
    other, bare = (stmt.usingClause or (None,))[0], op.table.rpartition(".")[2].lower()
    if not isinstance(other, ast.RangeVar) or (name(other) or "").rpartition(".")[2].lower() != bare:
        return None
    aliases = {str(v.alias.aliasname).lower() if v.alias else bare for v in (stmt.relation, other)}
    if len(aliases) != 2:
        return None
    tests = and_tests(stmt.whereClause)
    keys = [pair[0] for pair in (_of_both(t, aliases) for t in tests) if pair and pair[1] == "="]
    return tuple(keys) if keys and any(_ordered(t, aliases) for t in tests) else None


def _of_both(test: object, aliases: set[str]) -> tuple[str, str] | None:
    """``a.k = b.k``, ``a.id < b.id``: the column and the operator of a test of one column of
    the two rows; None for any other test."""
    left, right = (column_ref(getattr(test, side, None)) for side in ("lexpr", "rexpr"))
    if not isinstance(test, ast.A_Expr) or test.kind != A_Expr_Kind.AEXPR_OP or not left \
            or not right or left[1] != right[1] or {left[0], right[0]} != aliases:
        return None
    return left[1], "".join(getattr(n, "sval", "") or "" for n in test.name or ())


def _ordered(test: object, aliases: set[str]) -> bool:
    """Does ``test`` never hold for a row and itself: a strict order of one column of the two rows,
    or an OR each of whose arms AND-s one in (velora's tie-break ``a.retrieved_at < b.retrieved_at
    OR (a.retrieved_at = b.retrieved_at AND a.id < b.id)``, held-out54)?"""
    if isinstance(test, ast.BoolExpr) and test.boolop == BoolExprType.OR_EXPR:
        return all(any(_ordered(t, aliases) for t in and_tests(arm)) for arm in test.args or ())
    pair = _of_both(test, aliases)
    return pair is not None and pair[1] in ("<", ">", "<>", "!=")


def deletes_nothing(ctx: Context, rev: Revision, op: Op) -> bool:
    """Is ``op`` a dedupe (ranked or self-joined) over columns a unique key made earlier
    already covers?"""
    joined = self_joined(op)
    keys = ranked_dedupe(op) or joined
    if keys is None or not op.table:
        return False
    before = {r.name for r in ctx.ancestors(rev, MANY)}
    ops = [o for r in ctx.chain.order if r.name in before for o in r.upgrade] \
        + [o for o in rev.upgrade if o.seq < op.seq]
    return any(set(unique) <= set(keys)
               for unique in unique_keys(ops, op.table, inline=True, nulls=joined is not None))


def track_not_null(o: Op, not_null: set[str]) -> str | None:
    """Follow ``o`` on the NOT NULL columns of its table (``not_null``, lower case): a column
    it makes NOT NULL is added; the one it drops, makes nullable or renames is taken off and
    returned (what a key on it can no longer promise); None when it takes none off."""
    if o.name == "add_column" and o.added is not None and not o.added.nullable:
        not_null.add(o.added.name.lower())
    elif o.name == "set_not_null" and o.column or o.name == "alter_column" \
            and o.column and o.nullable is False:
        not_null.add(str(o.column).lower())
    elif o.name in ("alter_column", "drop_column") and o.column \
            and (o.nullable is True or o.name == "drop_column" or o.new_name):
        not_null.discard(o.column.lower())
        return o.column.lower()
    return None


def unique_keys(ops: list[Op], table: str, inline: bool = False,
                nulls: bool = False) -> list[tuple[str, ...]]:
    """The unique keys of ``table`` (all columns NOT NULL, unless ``nulls``) once ``ops`` have
    run, as far as they say; none when its table is made by nothing read. With ``inline``, those its
    create_table declares too (seeded.py does without them: given the key of the rows the
    chain seeded, it takes a downgrade that inserts them again as putting them back, though
    the application may have written other columns of theirs; Orainvoice 0087:174, held-out19,
    read as a loss, would be lost)."""
    uniques: dict[object, tuple[str, ...]] = {}
    not_null: set[str] = set()
    made = False
    for o in ops:
        if o.name in ("drop_constraint", "drop_index"):  # (drop_index: its table not said)
            uniques.pop(o.constraint, None)
        if o.name == "drop_constraint" and o.table == table \
                and o.constraint_type not in ("foreignkey", "check", "primary"):
            uniques = {k: v for k, v in uniques.items() if not (  # an inline one, unnamed:
                isinstance(k, tuple) and k[0] == "(inline)")}  # named by PostgreSQL
        if o.name in ("opaque", "execute") and o.may_touch(table) and not keeps_tables(o):
            uniques.clear()  # code not followed may drop the key
        if o.table != table or o.name == "create_table" and o.if_not_exists and made:
            continue  # (CREATE TABLE IF NOT EXISTS of the table made: skipped)
        made = o.name == "create_table" or made and o.name != "drop_table"
        if o.name in ("create_table", "drop_table"):
            uniques.clear()
            not_null.clear()
            primary = tuple(c.lower() for c, info in o.columns.items() if info.primary)
            if o.name == "create_table" and primary:
                uniques["(primary key)"] = primary
            for named, keys in o.uniques if o.name == "create_table" and inline else ():
                uniques[named or ("(inline)", keys)] = tuple(k.lower() for k in keys)
            not_null |= {c.lower() for c, info in o.columns.items()
                         if not info.nullable or info.primary}
        elif (gone := track_not_null(o, not_null)) is not None:
            if o.name == "drop_column":
                uniques = {k: v for k, v in uniques.items() if gone not in v}
        elif o.keys and isinstance(o.constraint, str) and (
                o.name == "create_unique_constraint" or o.name == "create_index"
                and (isinstance(o.statement, ast.IndexStmt) and o.statement.unique
                     and _whole(o.statement, o.keys) or o.uniques)):
            uniques[o.constraint] = tuple(k.lower() for k in o.keys)
    return [k for k in uniques.values() if nulls or set(k) <= not_null]


def _whole(index: ast.IndexStmt, keys: tuple[str, ...]) -> bool:
    """Does a unique index hold over the whole table: no WHERE, or one that only leaves out
    rows with NULL in its keys (which a unique index never compares anyway)?"""
    tests = and_tests(index.whereClause) if index.whereClause is not None else []
    return all(isinstance(t, ast.NullTest) and t.nulltesttype == NullTestType.IS_NOT_NULL
               and (column_name(t.arg) or "").lower() in {k.lower() for k in keys} for t in tests)

