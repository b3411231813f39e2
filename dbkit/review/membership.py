"""A boolean column kept as membership: the keys of the rows where it holds one value,
copied into a table of their own.

LocalCragApp ``c4e8f1a2b3d4`` moves the ``secret`` flag of four tables into a registry
(``INSERT INTO secret_topo_entities (entity_id, entity_type) SELECT id, 'Crag' FROM crags
WHERE secret IS TRUE UNION ALL SELECT id, 'Sector' FROM sectors WHERE secret IS TRUE ...``),
then drops each ``secret``; its downgrade sets it back from the registry (held-out27, read
kept). Each row's flag lives on: TRUE where its key is in the registry, FALSE where not (a
nullable column's NULL and FALSE are no longer told apart: the registry tells what was set).

So an INSERT ... SELECT (or each SELECT of a ``UNION [ALL]``; INTERSECT and EXCEPT take rows
away) from one table alone, whose whole WHERE tests one column of it as a boolean (``c``,
``NOT c``, ``c = true``, ``c = false``, ``c IS [NOT] TRUE``, ``c IS [NOT] FALSE``), and
whose target list carries the table's key (``id``, or ``id_<name>``: keys.py), carries that
column: it is among the INSERT's reads, as the columns it selects are. ``IS [NOT] UNKNOWN``
copies the NULL rows only: TRUE and FALSE are no longer told apart, no copy.

The WHERE may also AND a ``NOT EXISTS`` of the same row in the table the INSERT writes (an
insert made safe to run twice: ``... WHERE u.is_admin = TRUE AND NOT EXISTS (SELECT 1 FROM
user_roles ur WHERE ur.user_id = u.id ...)``): the rows it skips are members already, so
the flag still lives on (jche117/Voli2 ``f1d2d2f924ab``, held-out52, read kept). A SELECT
of such keys into code (``SELECT id FROM users WHERE is_admin = TRUE``, then a bulk insert
of them: Voli2 ``4c54a769eaed``) reads the flag as a SELECT reads its columns.
"""

from __future__ import annotations

from pglast import ast
from pglast.enums import BoolExprType, BoolTestType, SetOperation, SubLinkType

from dbkit.review.keys import own_keys
from dbkit.review.ops import Ref
from dbkit.review.sqlrefs import boolean_test, column_name, name

UNKNOWN_TESTS = (BoolTestType.IS_UNKNOWN, BoolTestType.IS_NOT_UNKNOWN)


def members(select: ast.SelectStmt | None, target: str | None = None) -> set[Ref]:
    """(table, column) of each boolean column whose rows' keys a SELECT (or each SELECT of
    its UNION) takes by testing that column alone, for an INSERT into ``target`` (see the
    module)."""
    if select is None:
        return set()
    if select.larg is not None or select.rarg is not None:
        if select.op != SetOperation.SETOP_UNION:
            return set()
        return members(select.larg, target) | members(select.rarg, target)
    sources = select.fromClause or ()
    table = name(sources[0]) if len(sources) == 1 and isinstance(sources[0], ast.RangeVar) \
        else None
    if table is None:
        return set()
    source = sources[0]
    own = {str(source.relname), *([str(source.alias.aliasname)] if source.alias else [])}
    column = flag_test(_without_present(select.whereClause, target), own)
    keys = own_keys(table) | {"id"}
    carried = any(_of(t.val, own) and (column_name(t.val) or "").lower() in keys
                  for t in select.targetList or () if isinstance(t, ast.ResTarget))
    return {(table, column)} if column and carried else set()


def flag_test(where: object, own: set[str]) -> str:
    """The column a WHERE tests alone as a boolean (``c``, ``NOT c``, ``c = true``, ``c IS
    [NOT] FALSE``, ...; not ``IS [NOT] UNKNOWN``), bare or qualified by one of ``own`` (the
    table's name or alias); "" for any other WHERE."""
    if where is None or isinstance(where, ast.BooleanTest) \
            and where.booltesttype in UNKNOWN_TESTS:
        return ""
    column = boolean_test(where)
    if isinstance(where, ast.BoolExpr):
        tested = (where.args or (None,))[0]
    else:
        tested = getattr(where, "arg", None) if isinstance(where, ast.BooleanTest) \
            else getattr(where, "lexpr", where)
    return column if column and _of(tested, own) else ""


def _of(ref: object, own: set[str]) -> bool:
    """Is the column reference bare, or qualified by one of ``own``?"""
    fields = ref.fields or () if isinstance(ref, ast.ColumnRef) else ()
    return len(fields) == 1 or len(fields) == 2 and getattr(fields[0], "sval", None) in own


def _without_present(where: object, target: str | None) -> object:
    """The WHERE less the ``NOT EXISTS (SELECT ... FROM target ...)`` AND-ed into it, when
    what is left is one test; else the WHERE as it is."""
    if target is None or not (isinstance(where, ast.BoolExpr)
                              and where.boolop == BoolExprType.AND_EXPR):
        return where
    rest = [a for a in where.args or () if not _present_in(a, target)]
    return rest[0] if len(rest) == 1 else where


def _present_in(test: object, target: str) -> bool:
    """Is ``test`` ``NOT EXISTS (SELECT ... FROM target ...)``?"""
    args = test.args or () if isinstance(test, ast.BoolExpr) \
        and test.boolop == BoolExprType.NOT_EXPR else ()
    link = args[0] if len(args) == 1 else None
    if not (isinstance(link, ast.SubLink) and link.subLinkType == SubLinkType.EXISTS_SUBLINK):
        return False
    inner = link.subselect
    sources = inner.fromClause or () if isinstance(inner, ast.SelectStmt) else ()
    return len(sources) == 1 and isinstance(sources[0], ast.RangeVar) \
        and (name(sources[0]) or "").lower() == target.lower()
