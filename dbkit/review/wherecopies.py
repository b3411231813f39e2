"""An ``INSERT ... SELECT`` whose WHERE may leave rows out, then a drop of the table it read.

ExoPexodus inventory-management-system ``20260417000001`` merges two tables into ``users``:
it copies ``employees`` whole, but ``admin_users`` only ``WHERE au.tenant_id IS NOT NULL``,
then drops both (``DROP TABLE IF EXISTS admin_users CASCADE``). ``tenant_id`` was added
nullable, never filled: the admins with no tenant are copied nowhere (held-out15, read
lost). The reviewer took the INSERT for a copy of the table and said nothing.

A copy keeps only the rows its WHERE picks. So, in one revision, an INSERT ... SELECT of one
table alone (no join: innerjoin.py's), the only statement of the revision reading it, with a
WHERE that may leave rows out, then a drop of that table, is a copy of some rows only: the
drop is an error that names the WHERE (context._matched_only). The reads of the table are
taken off the INSERT, as innerjoin.py does. A WHERE may leave rows out when one of its
AND-ed tests reads a column of the table and is none of:

- ``c IS NOT NULL`` of a column the chain does not show nullable at that point (a NOT NULL
  or primary key column keeps every row; a table made outside the chain: not known);
- a test of columns the revision just added (they hold NULL or their default in every row:
  all rows or none, no choice among them);
- a test holding a subquery (``NOT EXISTS (SELECT 1 FROM users ...)``, a guard against rows
  copied already; ``EXISTS`` of a parent: the reviewer does not tell which rows it keeps).

The same holds for a drop of a column the INSERT carries, in the same revision, no other
statement of it reading that column (CrunchyGherkinsGacha ``20241001_0008`` copies
``cards.attempted_by`` into ``rolled_cards`` only ``WHERE owner IS NULL AND created_at >
:cutoff_time``, then drops it: every claimed card's value is lost; held-out23, read lost),
except for a test that only leaves out rows holding no value of that column (``c IS NOT
NULL``, ``c <> ''``: every value there is, is copied), or that tests that boolean column
alone (``WHERE c IS TRUE``: the rows left out hold the other value, membership.py).

A value from code (a bound parameter) picks rows code chooses: a WHERE whose every test holds
one is not claimed; another AND-ed test still leaves out the rows it leaves out, whatever the
value. Not claimed either when the revision deletes rows of the table (the rows left out may be the ones
it deletes anyway: the DELETE is judged on its own), nor when the drop is in a later
revision (rows written in between are the app's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pglast import ast
from pglast.enums import BoolExprType, NullTestType

from dbkit.review.innerjoin import Matched
from dbkit.review.membership import flag_test
from dbkit.review.ops import Op
from dbkit.review.revision import Revision, source_of
from dbkit.review.sqlrefs import and_tests, as_sql, has_sublink, name, reads


def where_copies(rev: Revision, before: Iterable[Revision]) -> list[Matched]:
    """The copies of ``rev``'s upgrade that keep only the rows of a table their WHERE picks,
    the table dropped later in ``rev``; their reads of it are taken off (no copy claimed).
    ``before``: the revisions of the chain before ``rev`` (what they made NOT NULL)."""
    found: list[Matched] = []
    earlier: list[Op] | None = None
    for op in rev.upgrade:
        stmt = op.statement
        if op.name != "insert" or not isinstance(stmt, ast.InsertStmt) \
                or not isinstance(stmt.selectStmt, ast.SelectStmt):
            continue
        select = stmt.selectStmt
        source = _only_table(select)
        if source is None or source[0] == op.table:
            continue
        table, alias = source
        whole = dropped_after(rev, op, table)
        columns = [None] if whole else _dropped_columns(rev, op, table)
        if whole and read_elsewhere(rev, op, table) or not columns:
            continue
        if earlier is None:
            earlier = [o for r in before for o in r.upgrade]
        ops = earlier + [o for o in rev.upgrade if o.seq < op.seq]
        for column in columns:
            if column is not None and _drawn([*before, rev], table, column):
                continue  # (the rows left out may hold only what the database drew for them)
            why = leaves_rows_out(select.whereClause, table, alias, ops, rev, op, column)
            if why is None:
                continue
            read = frozenset(c.lower() for t, c in op.reads if t == table
                             and column in (None, c.lower()))
            op.reads = {r for r in op.reads if r[0] != table or column not in (None, r[1].lower())}
            op.resolved = {r for r in op.resolved if r[0] != table
                           or column not in (None, r[1].lower())} if op.resolved else op.resolved
            found.append(Matched(rev, op.line, table, "WHERE", read,
                                 where=f"{as_sql(select.whereClause)}{why}"))
    return found


def _dropped_columns(rev: Revision, op: Op, table: str) -> list[str | None]:
    """The columns of ``table`` the INSERT ``op`` reads by name that the revision drops after
    it, no other statement of it reading them or deleting rows of the table (a copy of only
    the rows a WHERE picks, then a drop of a column it carried: see the module)."""
    read = sorted({c.lower() for t, c in op.reads if t == table and c != "*"})
    return [c for c in read if dropped_after(rev, op, table, c)
            and not read_elsewhere(rev, op, table, c)]


def _only_table(select: ast.SelectStmt) -> tuple[str, str] | None:
    """(table, the name its columns are qualified by) of a SELECT of one table alone, with a
    WHERE; None for any other (a join, a subquery in FROM, a set operation)."""
    sources = select.fromClause or ()
    if select.larg is not None or select.whereClause is None or len(sources) != 1 \
            or not isinstance(sources[0], ast.RangeVar):
        return None
    relation = sources[0]
    table = name(relation)
    if not table:
        return None
    return table, str(relation.alias.aliasname if relation.alias else relation.relname)


def dropped_after(rev: Revision, op: Op, table: str, column: str | None = None) -> bool:
    """Does the revision drop the table (or, given ``column``, that column of it) after ``op``?"""
    return any(o.seq > op.seq and o.table == table and (
        o.name == "drop_table" if column is None
        else o.name == "drop_column" and (o.column or "").lower() == column)
        for o in rev.upgrade)


def read_elsewhere(rev: Revision, op: Op, table: str, column: str | None = None) -> bool:
    """Does another statement of the revision read the table (or, given ``column``, that
    column: another copy, together they may keep every row or value), or delete some of its
    rows (those left out may be them)?"""
    return any(o is not op and o.statement is not op.statement and (
        any(t == table and (column is None or c.lower() in (column, "*")) for t, c in o.reads)
        or o.name in ("delete", "empty") and o.table == table) for o in rev.upgrade)


def leaves_rows_out(where: object, table: str, alias: str, ops: list[Op], rev: Revision,
                     copy: Op, dropped: str | None = None) -> str | None:
    """None unless the WHERE may leave rows of ``table`` out; else what the message adds
    ("" for a test of values; for ``c IS NOT NULL``, that c may be NULL). ``dropped``: the
    column of ``table`` dropped after the copy (not the table): a test that only leaves out
    rows holding no value of it (``c IS NOT NULL``, ``c <> ''``) leaves out no value."""
    if where is None or not as_sql(where):
        return None  # (a WHERE it cannot print)
    tests = and_tests(where)
    if all(_from_code(t) for t in tests):
        return None  # (rows picked by a value from code; another AND-ed test may still
        # leave rows out whatever the value: CrunchyGherkinsGacha 20241001_0008's owner IS NULL)
    added = {(o.table, (o.column or "").lower()) for o in rev.upgrade
             if o.seq < copy.seq and o.name == "add_column"}
    for test in tests:
        if has_sublink(test) or _from_code(test):
            continue
        columns = {c.lower() for t, c in reads(test, {alias: table, table: table}, table)
                   if t == table and c != "*"}
        if not columns or all((table, c) in added for c in columns):
            continue
        if dropped is not None and (_holds_a_value(test, table, alias, dropped)
                                    or flag_test(test, {alias, table}).lower() == dropped):
            continue  # (a flag's rows taken by it: the others hold the other value)
        if isinstance(test, ast.NullTest) and test.nulltesttype == NullTestType.IS_NOT_NULL:
            column = next(iter(columns))
            if len(columns) == 1 and _nullable(ops, table, column):
                return f" ({table}.{column} is nullable, made so and never made NOT NULL)"
            continue
        return ""
    return None


def _from_code(test: object) -> bool:
    """Does the test hold a value from code (a bound parameter)?"""
    return bool(re.search(r"\$\d", as_sql(test)))


def _holds_a_value(test: object, table: str, alias: str, column: str) -> bool:
    """Is the test ``c IS NOT NULL``, ``c <> ''`` or ``c != ''`` of ``column``, or an OR with
    one (``a IS NOT NULL OR b IS NOT NULL``, CrunchyGherkinsGacha 20251026_0030): true of every
    row holding a value of it?"""
    if isinstance(test, ast.BoolExpr) and test.boolop == BoolExprType.OR_EXPR:
        return any(_holds_a_value(arm, table, alias, column) for arm in test.args or ())
    columns = {c.lower() for t, c in reads(test, {alias: table, table: table}, table)
               if t == table and c != "*"}
    if columns != {column}:
        return False
    if isinstance(test, ast.NullTest):
        return test.nulltesttype == NullTestType.IS_NOT_NULL
    return isinstance(test, ast.A_Expr) and re.fullmatch(
        r"\S+ (<>|!=) ''(::\w+)?", as_sql(test)) is not None


def _drawn(revisions: Iterable[Revision], table: str, column: str) -> bool:
    """Did the chain make ``table.column`` with a default the database draws for each row, a
    sequence's next value or a random uuid (SW-Couriers 0057's ``admin_ref``, ``ADM-`` and a
    number for every user, copied by 0119 for the admins only)? The rows a WHERE leaves out
    may hold only that: not claimed."""
    found = False
    for rev in revisions:
        for o in rev.upgrade:
            if o.table == table and (o.name == "create_table" and any(
                    c.lower() == column for c in o.columns) or o.name == "add_column"
                    and o.added is not None and o.added.name.lower() == column):
                text = "\n".join(source_of(rev.path).splitlines()[o.line - 1:o.end_line or o.line])
                if o.name == "create_table":  # (the column's own sa.Column(...) only)
                    text = next((part for part in text.split("Column(")[1:] if re.match(
                        rf"\s*['\"]{re.escape(column)}['\"]", part, re.IGNORECASE)), "")
                found = bool(DRAWN.search(text))
    return found


DRAWN = re.compile(r"server_default\s*=.*?(nextval|gen_random_uuid|uuid_generate_v\d)\s*\(",
                   re.DOTALL)


def _nullable(ops: list[Op], table: str, column: str) -> bool:
    """Does the chain, up to the copy, show ``table.column`` nullable (made so and never made
    NOT NULL since)? False when it does not know."""
    state: bool | None = None
    for o in ops:
        if o.table != table:
            continue
        if o.name == "create_table":
            info = next((i for c, i in o.columns.items() if c.lower() == column), None)
            state = None if info is None else info.nullable and not info.primary
        elif o.name == "drop_table":
            state = None
        elif (o.column or "").lower() != column:
            continue
        elif o.name == "add_column" and o.added is not None:
            state = o.added.nullable and not o.added.primary
        elif o.name == "alter_column" and o.nullable is not None:
            state = o.nullable
        elif o.name == "set_not_null" or o.name == "drop_column" or o.new_name:
            state = False if o.name == "set_not_null" else None
    return bool(state)
