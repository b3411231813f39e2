"""Does a revision's own downgrade show that a column its upgrade drops is derived: the
downgrade adds the column back and fills every row of it from data the chain keeps? Then
the drop loses nothing the database cannot compute again (issue 19, GeoNature: ``in_error``
dropped, and put back by ``UPDATE t_imports i SET in_error = EXISTS (SELECT * FROM
t_user_errors err WHERE err.id_import = i.id_import)``).

It is a proof, not a guess. The downgrade's first statement that writes the column after
adding it back must be a SQL ``UPDATE`` of that table that:

- sets that one column, to a test of presence (``EXISTS (SELECT ...)``, ``c IS NOT NULL``,
  directly or through a WITH query) or to the key of the row of another table its FROM
  joins, the table the re-added column is declared a foreign key of. Never a constant, a
  copy of another stored value (``updated_at = created_at``), a choice among several
  (``GREATEST(date_stable, date_testing)``) or an aggregate of another table's values
  (``string_agg(nvr, ' ')``): bodhi, warehouse and lastuser put those back as guesses;
- reaches every row: no WHERE (or only ``<column> IS NULL``, which every re-added row
  holds), or, with a FROM, a WHERE each of whose AND-ed tests reads a table of the FROM
  (a join, not a pick of the table's own rows);
- holds no ``CASE`` whose results are all constants anywhere (a mapping of several values
  to fewer, a reduction the UPDATE itself shows, or a guess by kind);
- reads only data the upgrade did not change: columns the upgrade does not add, drop,
  rename, alter or write, of the table itself (new rows there change no value of the old
  ones) or of other tables the upgrade does not create, drop, rename, insert into or
  delete from; none of them a table the chain copied the dropped column into (a backup),
  no column named like the dropped one (its backup), no table that code of the upgrade
  the reviewer cannot follow may touch. A column of a table it cannot name is checked as
  a column of every table the statement names.

A column the upgrade filled from the dropped one (a move) is a write of the upgrade, so it
is never a source here: moves are the copy rules' (drops.py).
"""

from __future__ import annotations

from pglast import ast
from pglast.enums import NullTestType, SubLinkType
from pglast.visitors import Ancestor, Visitor

from dbkit.review.chain import Chain
from dbkit.review.ops import Op, Ref
from dbkit.review.reader import Revision
from dbkit.review.sqlrefs import ColumnRefs, aliases, and_tests, column_name, has_sublink, name

SUBQUERY = "(subquery)"  # pgsql.SUBQUERY's table: a marker, no table
# ops of an upgrade on a table that change neither its rows nor their values
KEEPS_ROWS = ("create_index", "drop_index", "create_foreign_key", "drop_constraint",
              "create_unique_constraint", "create_check_constraint", "create_primary_key",
              "create_exclude_constraint", "read")


def recomputed(chain: Chain, rev: Revision, drop: Op) -> str | None:
    """Why ``drop`` (a drop_column of ``rev``'s upgrade) is no loss, when ``rev``'s downgrade
    adds the column back and recomputes every row of it from kept data (see the module);
    None when it does not."""
    if drop.name != "drop_column" or not drop.table or not drop.column:
        return None
    table, column = drop.table.lower(), drop.column.lower()
    added: Op | None = None
    for back in rev.downgrade:
        if back.name == "add_column" and (back.table or "").lower() == table \
                and (back.column or "").lower() == column:
            added = back
        elif added and any((t or "").lower() == table and c.lower() in (column, "*")
                           for t, c in back.writes):
            return _proof(chain, rev, back, table, column, added)  # the first fill decides
    return None


def _proof(chain: Chain, rev: Revision, fill: Op, table: str, column: str,
           added: Op) -> str | None:
    stmt = fill.statement
    if fill.name != "backfill" or fill.conditional or not isinstance(stmt, ast.UpdateStmt):
        return None
    targets = [t for t in stmt.targetList or () if isinstance(t, ast.ResTarget)]
    if len(targets) != 1 or (targets[0].name or "").lower() != column \
            or not _reads_something(targets[0].val) or _reduces(stmt) \
            or not _every_row(stmt, column):
        return None
    value = _through_cte(stmt, targets[0].val)
    if not _a_test(value) and not _a_key(stmt, value, added):
        return None  # a copy of other values, an aggregate, a choice among them: a guess
    exists = _stars_only_in_exists(stmt)  # EXISTS (SELECT * ...) carries no value
    sources = {(t.lower() if t else None, c.lower()) for t, c in fill.reads if t != SUBQUERY
               and not (exists and c == "*" and (t or "").lower() == table)} | _own(stmt, table)
    named = _tables(stmt)
    if not sources or any(not _kept(chain, rev, ref, table, column, named) for ref in sources):
        return None
    names = ", ".join(sorted(f"{t}.{c}" if t else c for t, c in sources))
    return (f"its downgrade adds it back and recomputes every row of it from {names} "
            f"(line {fill.line}), none of which this revision changes: it is derived")


def _through_cte(stmt: ast.UpdateStmt, value: object) -> object:
    """``cte.x`` of a WITH query of the statement: the expression it selects as x."""
    if not isinstance(value, ast.ColumnRef) or len(value.fields or ()) != 2:
        return value
    query, name = (getattr(f, "sval", None) for f in value.fields or ())
    for cte in getattr(stmt.withClause, "ctes", None) or ():
        if isinstance(cte, ast.CommonTableExpr) and cte.ctename == query \
                and isinstance(cte.ctequery, ast.SelectStmt):
            for target in cte.ctequery.targetList or ():
                if isinstance(target, ast.ResTarget) and target.name == name:
                    return target.val
    return value


def _a_test(value: object) -> bool:
    """Is the value a test of presence (``EXISTS (SELECT ...)``, ``c IS [NOT] NULL``, or
    such tests joined by AND, OR, NOT)? A boolean of what is there, not a stored value."""
    if isinstance(value, ast.SubLink):
        return value.subLinkType == SubLinkType.EXISTS_SUBLINK
    if isinstance(value, ast.BoolExpr):
        return all(_a_test(a) for a in value.args or ())
    return isinstance(value, ast.NullTest)


def _a_key(stmt: ast.UpdateStmt, value: object, added: Op) -> bool:
    """Is the value the key of another table's row its FROM joins, the table the re-added
    column is declared a foreign key of (``id_source_synthese = s.id_source``, with
    ``sa.ForeignKey("gn_synthese.t_sources.id_source")``)? The link the join finds again."""
    if not isinstance(value, ast.ColumnRef) or len(value.fields or ()) != 2:
        return False
    alias = getattr((value.fields or ())[0], "sval", None)
    parent = aliases(stmt.fromClause).get(str(alias)) if stmt.fromClause else None
    return parent is not None and any(p.lower() == parent.lower() for _, p in added.references)


def _reads_something(value: object) -> bool:
    refs = ColumnRefs()
    refs(value)  # type: ignore[arg-type]
    return bool(refs.refs) or has_sublink(value)


class _ConstantCases(Visitor):
    def __init__(self) -> None:
        self.found = False

    def visit_CaseExpr(self, ancestors: Ancestor, node: ast.CaseExpr) -> None:
        results = [w.result for w in node.args or () if isinstance(w, ast.CaseWhen)]
        results.append(node.defresult)
        if not any(_reads_something(r) for r in results if r is not None):
            self.found = True


def _reduces(stmt: ast.UpdateStmt) -> bool:
    """Does the statement (its WITH queries, FROM and WHERE too) hold a CASE whose results
    are all constants (``CASE WHEN kind IN ('a', 'b') THEN 1 ELSE 0 END``)?"""
    cases = _ConstantCases()
    cases(stmt)
    return cases.found


class _Stars(Visitor):
    def __init__(self) -> None:
        self.exists: set[int] = set()
        self.elsewhere = False

    def visit_SubLink(self, ancestors: Ancestor, node: ast.SubLink) -> None:
        if node.subLinkType == SubLinkType.EXISTS_SUBLINK:
            self.exists.add(id(node.subselect))

    def visit_SelectStmt(self, ancestors: Ancestor, node: ast.SelectStmt) -> None:
        if id(node) not in self.exists and any(
                isinstance(t, ast.ResTarget) and isinstance(t.val, ast.ColumnRef)
                and any(isinstance(f, ast.A_Star) for f in t.val.fields or ())
                for t in node.targetList or ()):
            self.elsewhere = True


def _stars_only_in_exists(stmt: ast.UpdateStmt) -> bool:
    """Is every ``SELECT *`` of the statement an EXISTS test (whose columns carry nothing)?"""
    stars = _Stars()
    stars(stmt)
    return not stars.elsewhere


def _every_row(stmt: ast.UpdateStmt, column: str) -> bool:
    """Does the UPDATE reach every row of its table (see the module)?"""
    where = stmt.whereClause
    if not stmt.fromClause:
        return where is None or (isinstance(where, ast.NullTest)
                                 and where.nulltesttype == NullTestType.IS_NULL
                                 and column_name(where.arg) == column)
    joined = set(aliases(stmt.fromClause)) | {
        str(f.alias.aliasname) for f in stmt.fromClause
        if isinstance(f, ast.RangeSubselect) and f.alias is not None}
    tests = and_tests(where) if where is not None else []
    for test in tests:
        refs = ColumnRefs()
        refs(test)
        if not any(len(r) >= 2 and r[-2] in joined for r in refs.refs):
            return False  # a test of the table's own row: a pick of some rows
    return True


def _own(stmt: ast.UpdateStmt, table: str) -> set[Ref]:
    """The columns of the updated table the statement names qualified anywhere (a subquery's
    WHERE too, which what it reads leaves out: ``err.id_import = i.id_import``)."""
    relation = stmt.relation
    own = {str(relation.alias.aliasname) if relation is not None and relation.alias
           else str(relation.relname if relation is not None else "")}
    refs = ColumnRefs()
    refs(stmt)
    return {(table, r[-1].lower()) for r in refs.refs if len(r) >= 2 and r[-2] in own
            and r[-1] != "*"}


def _tables(stmt: ast.UpdateStmt) -> set[str]:
    """Every table the statement names (its subqueries' too), lower case."""
    found: set[str] = set()

    class Tables(Visitor):
        def visit_RangeVar(self, ancestors: Ancestor, node: ast.RangeVar) -> None:
            found.add((name(node) or "").lower())

    Tables()(stmt)
    return found - {""}


def _kept(chain: Chain, rev: Revision, ref: tuple[str | None, str], table: str, column: str,
          named: set[str]) -> bool:
    """Is what the downgrade reads data the upgrade did not change (see the module)? A column
    of a table it cannot name may be of any table the statement names: each is checked."""
    source, column_read = ref
    if column_read == column:
        return False  # the column itself, or its backup
    for each in [source] if source is not None else sorted(named | {table}):
        own = each == table
        if not own and _copied_into(chain, rev, table, column, each):
            return False
        if any(o.name in ("execute", "opaque") and o.may_touch(each) for o in rev.upgrade):
            return False
        if any(_changes(o, each, column_read, own) for o in rev.upgrade):
            return False
    return True


def _changes(o: Op, source: str, column: str, own: bool) -> bool:
    """Does the upgrade's ``o`` change what ``source.column`` holds (``*``: any column)? New
    rows of the updated table itself change no value of the rows there; new rows of another
    table change what a join or an EXISTS finds."""
    here = (o.table or "").lower() == source
    rows = ("create_table", "drop_table", "rename_table", "delete", "empty") \
        + (() if own else ("insert",))
    if (here and o.name in rows) or (o.name == "rename_table"
                                     and (o.new_name or "").lower() == source):
        return True
    if here and o.name in ("add_column", "drop_column", "alter_column") \
            and column in ("*", (o.column or "").lower(), (o.new_name or "").lower()):
        return True
    return not (own and o.name == "insert") and any(
        (t or "").lower() == source and (column == "*" or c.lower() in (column, "*"))
        for t, c in o.writes)


def _copied_into(chain: Chain, rev: Revision, table: str, column: str, source: str) -> bool:
    """Did the chain, up to ``rev``, copy ``table.column`` into ``source`` (a backup)?"""
    for earlier in chain.order:
        for o in earlier.upgrade:
            if any((t or "").lower() == table and c.lower() == column for _, t, c in o.copies) \
                    and (o.table or "").lower() == source:
                return True
            if o.reads_column(table, column) and any((t or "").lower() == source
                                                     for t, _ in o.writes):
                return True
        if earlier is rev:
            break
    return False
