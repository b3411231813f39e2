"""The vocabulary of a revision: the operations it performs, as the reviewer sees them.

An :class:`Op` is one schema change or one data movement found in ``upgrade()``
or ``downgrade()`` (written with ``op.*``, as SQL, with SQLAlchemy Core, or in a
helper function of the file). ``seq`` is its place in the order of execution,
helpers inlined; ``line`` is where it is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNKNOWN = object()  # a value the reviewer cannot evaluate statically

# (table, column): table None = not known; column "*" = every column of the table.
Ref = tuple[str | None, str]


@dataclass
class ColumnInfo:
    name: str
    type_: str | None = None
    nullable: bool = True
    server_default: bool = False
    generated: bool = False  # GENERATED ALWAYS AS (sa.Computed): computed, nothing stored
    primary: bool = False  # of the primary key (primary_key=True, sa.PrimaryKeyConstraint)
    # the table whose rows a foreign key ON DELETE CASCADE of this column points at: a
    # DELETE of them deletes the rows holding them
    cascades_from: str | None = None


def matches(ref: Ref, table: str | None, column: str | None) -> bool:
    """Does a read of ``ref`` read the column? A column of an unknown table may be it; "every
    column of an unknown table" (SELECT * of something not named) is no read of a known one."""
    t, c = ref
    if t is None:
        return c == column and c != "*"
    return t == table and c in (column, "*")


@dataclass
class Op:
    # alembic's op name (add_column, drop_column, ...), or "backfill" (fills existing
    # rows: UPDATE, a Core update, dbkit.online.backfill_in_batches), "insert" (adds
    # rows: INSERT, INSERT ... SELECT, a Core insert, op.bulk_insert), "read"
    # (a SELECT whose rows the code goes on to use), "set_not_null"
    # (dbkit.online.add_not_null), "execute" (SQL the reviewer cannot read) or "opaque"
    # (code it cannot follow: a loop over rows, a call it cannot resolve, an ORM session),
    # "guard" (a check that the rows of a table are gone: rowguards.py)
    name: str
    line: int
    end_line: int
    seq: int = 0
    table: str | None = None
    column: str | None = None
    new_name: str | None = None
    nullable: bool | None = None
    # alter_column: its existing_server_default, as written ("" when none; defaults.py)
    had_default: str = ""
    added: ColumnInfo | None = None
    columns: dict[str, ColumnInfo] = field(default_factory=dict)
    whole: bool = False  # create_table: every argument read (no ``*cols``, no call unknown)
    constraint: object = UNKNOWN  # a name, None (unnamed), or UNKNOWN
    if_not_exists: bool = False
    if_exists: bool = False  # a drop written IF EXISTS (if_exists=True): maybe a no-op
    keys: tuple[str, ...] = ()  # the columns an index or constraint is on
    # CREATE TABLE AS: (new column, table, column) of each column copied as it is
    copies: tuple[tuple[str, str, str], ...] = ()
    reads: set[Ref] = field(default_factory=set)  # values this op reads (and may carry)
    writes: set[Ref] = field(default_factory=set)  # (table, column) it fills in
    via: str = "op"  # "op", "sql", "core", "helper"
    conditional: bool = False  # under an `if` the reviewer cannot decide (exists already?)
    condition: str = ""  # that `if`'s test, as written (the innermost one)
    otherwise: bool = False  # in that `if`'s else branch (branches.py)
    # after ``if <the database's state>: return`` (exits.py): that test, when the op makes
    # nothing (it runs only when the test is false: on a table the test found, say)
    after_exit: str = ""
    # the `if`s over it that test whether a table exists (``"t" in inspector.
    # get_table_names()``): (table, True when it runs only if the table exists)
    table_tests: tuple[tuple[str, str, bool], ...] = ()
    open_tests: int = 0  # the `if`s over it whose test is not all such tests (tabletests.py)
    if_levels: tuple[tuple[int, tuple, tuple], ...] = ()  # each if over it: (id, tests, whole)
    # execute / opaque: what the reviewer could not follow, and the names that code
    # mentions (lower case); None when it may touch any table (a call it cannot read)
    reason: str = ""
    # execute: SQL not parsed that is one MySQL ALTER TABLE (mysqlddl.py) or one DELETE: it
    # may change or remove what it names, but puts no value into another column or table;
    # the names of the columns it may add (``ADD [COLUMN] c``). None for any other
    copies_none: frozenset[str] | None = None
    temporary: frozenset[str] = frozenset()  # the TEMP tables its SQL makes (temptables.py)
    mentions: frozenset[str] | None = frozenset()
    # opaque: an ORM session's or query's call: it may write rows of any table, but never
    # changes the columns a table has (dupekeys.columns_at)
    rows_only: bool = False
    orm_call: str = ""  # that call: "add", "merge", ... of a session; "query": a query's update()
    loads: frozenset[str] | None = None  # of those, the names it reads (None: not known)
    # a loop over the rows of a SELECT of listed columns: every name whose value it can
    # hold (those columns, and what its body reads); None: not known
    carries: frozenset[str] | None = None
    # opaque loop: the names it may set (row.x = ..., x=... in a call, {"x": ...}, the words
    # of SQL that writes); None when not known
    stores: frozenset[str] | None = None
    # backfill: the written columns whose NULL rows its WHERE cannot match (WHERE c = 'x'
    # fills no NULL of c), and the other columns its WHERE tests ("" when none: it reaches
    # every row, or every NULL)
    unreached: frozenset[str] = frozenset()
    some_rows: str = ""
    # backfill: the columns its SET expressions (Core: values()) read, its WHERE left out;
    # function (a trigger's): (field of NEW it sets, field of NEW it sets it from) pairs;
    # None when not known
    computed: frozenset[Ref] | None = None
    # backfill: the written columns its WHERE tests IS NULL, when it is only such tests
    # AND-ed (it reaches the rows where all of them are NULL)
    null_tests: frozenset[str] = frozenset()
    # delete: the column its WHERE tests alone, as a boolean (``WHERE deleted``, ``NOT c``,
    # ``c = true``): of a boolean NOT NULL column, the rows left all hold one value
    one_value: str = ""
    picks: str = ""  # that WHERE, as SQL (backfill of some rows only), "" when not known
    # delete of some rows: "duplicates" (one row of each group kept), "orphans" (rows whose
    # link dangles), "unknown" (SQL it cannot parse), "" (rows its WHERE picks, read)
    removes: str = ""
    # backfill by an UPDATE of every row (no WHERE, no FROM): (column, value as SQL) of
    # each column it sets to NULL or a literal
    clears: tuple[tuple[str, str], ...] = ()
    # backfill by an UPDATE with no FROM: (column, column of the same row) of each SET item
    # that copies another column as it is (``SET a = b``): b's NULLs stay NULL in a
    same_row: tuple[tuple[str, str], ...] = ()
    # read / insert of a SELECT: the columns its WHERE tests (a condition read, no
    # parameter, no subquery): it takes only the rows they pick
    picked_by: frozenset[Ref] = frozenset()
    # delete of the rows a join picks (``DELETE FROM t AS a USING u WHERE ...``): what a
    # SELECT of those rows takes, for the fix (``a.* FROM t AS a, u``); "" for no join
    using: str = ""
    # delete of some rows: the columns its WHERE pins to constants (``a = 'x' AND b IN (1,
    # 2)``, every test such); when they are all the table has, the rows' values are all in it
    pinned: frozenset[str] = frozenset()
    # create_table: the columns of each foreign key it declares (sa.ForeignKeyConstraint,
    # a column's sa.ForeignKey)
    links: tuple[tuple[str, ...], ...] = ()
    # create_table, create_foreign_key: (columns, the table they point at) of each foreign key
    references: tuple[tuple[tuple[str, ...], str], ...] = ()
    # create_table: (name or None, columns) of each unique key it declares inline
    # (sa.UniqueConstraint, a column's unique=True; dedupes.py); add_column: the added
    # column's unique=True; create_index: its own key, when unique=True (dialect.py)
    uniques: tuple[tuple[str | None, tuple[str, ...]], ...] = ()
    # create_table, add_column, create_foreign_key: (columns, the table, its columns) of each
    # foreign key checked at once on every row (no NOT VALID, no DEFERRABLE; linked.py)
    enforced: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    # opaque create_all of the project's models (modelkeys.py): (table, (columns, the table,
    # its columns) of each foreign key, its NOT NULL columns) of each model class read
    builds: tuple[tuple[str, tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...],
                        frozenset[str]], ...] = ()
    # create_foreign_key ON DELETE CASCADE: the table it points at (see ColumnInfo)
    cascades_from: str | None = None
    # insert by op.bulk_insert: the rows it inserts, when the reviewer evaluates them to
    # dicts of constants (column -> value; seeded.py)
    constant_rows: tuple[dict[str, object], ...] = ()
    # drop_constraint: its type_ ("foreignkey", "unique", "check", "primary"), if given
    constraint_type: str | None = None
    # read in a loop over its rows: the columns of reads whose values the loop only tests
    # (any(), bool(), a comparison): it keeps whether they were set, not what they held
    tested: frozenset[Ref] = frozenset()
    # opaque loop over the rows of a SELECT: the columns it reads whose values it was
    # followed not to carry on (only tested, a fallback, never read): no doubt on them
    settled: frozenset[Ref] = frozenset()
    # opaque loop over the whole rows of one declared table: its name, and the names the
    # body reads only as the row's attributes (that table's columns, no other's)
    row_only: tuple[str, frozenset[str]] | None = None
    # opaque loop: the columns it only writes back with the row's own value (rewrites.py):
    # it fills no NULL of them
    unfilled: frozenset[Ref] = frozenset()
    # insert by op.bulk_insert: its rows are a variable or a comprehension the code fills (a
    # list appended to in a loop), not constants the reviewer reads nor a call's result
    built: bool = False
    # execute: the names its bound parameters are given from (``conn.execute(sql, ids=
    # tuple(ids))``); tested: the names the undecided ``if``s over it test
    params: frozenset[str] = frozenset()
    tested_names: frozenset[str] = frozenset()
    # opaque / execute: the tables (and ORM classes) the code names, when it names every
    # table it may touch (see touches.py); None: any
    touches: frozenset[str] | None = None
    # insert of a SELECT over several tables: those tables, to name the table of each
    # column it selects unqualified when the schema then says which has it (unqualified.py)
    from_tables: tuple[str, ...] = ()
    resolved: set[Ref] = field(default_factory=set)  # reads, those columns named (or empty)
    # insert of a SELECT of its own table: its WHERE (own columns unqualified), the columns
    # it sets from anything else than themselves and those it copies as they were
    # (selfcopy.py); None for any other
    self_copy: tuple[str, frozenset[str], frozenset[str]] | None = None
    # create_check_constraint, create_table: (name, columns, the null patterns it allows) of
    # each validated CHECK testing columns for NULL (checkexpr.py, nullproof.py)
    checks: tuple[tuple[object, tuple[str, ...], frozenset[tuple[bool, ...]]], ...] = ()
    # guard (rowguards.py): a check that stops the upgrade when rows of ``table`` match its
    # WHERE (``picks``; "" for any row), and how many ops just before it, in the same DO
    # block, roll back with it when it does
    covers: int = 0
    # read from a DO block: the conditions its EXCEPTION handlers swallow (swallowed.py)
    swallowed: frozenset[str] = frozenset()
    # an op read from SQL: the parsed statement (pglast) it comes from, None for any other
    statement: object = field(default=None, compare=False, repr=False)
    # routine (routines.py): the ops its body runs where the upgrade calls it
    body: list[Op] | None = field(default=None, compare=False, repr=False)

    def may_touch(self, table: str | None, column: str | None = None) -> bool:
        """Could this op (code not followed) read or write the table or column?"""
        if self.touches is not None and table is not None:
            return spelled_like(table, self.touches)
        if self.mentions is None or table is None:
            return True
        bare = table.rpartition(".")[2].lower()
        if bare in self.mentions or bare.replace("_", "") in self.mentions:
            return True  # its name, or an ORM class named after it (TableShowsRootfolder)
        if column is None or column.lower() not in self.mentions:
            return False
        # a row of another table's `r.x`: not this table's x, unless the loop may set an x
        return not (self.row_only is not None and self.row_only[0] != bare
                    and column.lower() in self.row_only[1]
                    and self.stores is not None and column.lower() not in self.stores)

    def settles(self, table: str | None, column: str | None) -> bool:
        """Was this loop followed not to carry the column's values anywhere?"""
        bare = (table or "").rpartition(".")[2].lower()
        return column is not None and any(
            (t or "").rpartition(".")[2].lower() == bare and c.lower() == column.lower()
            for t, c in self.settled)

    def partly(self, column: str | None) -> bool:
        """Does this read take only the rows a WHERE on other columns picks (``SELECT id,
        username FROM users WHERE email IS NULL``: the rows with an email give no username
        to what it fills, truenth cfb3cf41a07a)?"""
        return any(c.lower() != (column or "").lower() for _, c in self.picked_by)

    def reads_column(self, table: str | None, column: str | None) -> bool:
        return any(matches(ref, table, column) for ref in self.reads)

    def fills(self, table: str | None, column: str | None) -> bool:
        return column not in self.unreached \
            and any(t == table and c in (column, "*") for t, c in self.writes)


def stamped(ops: list[Op], statement: object) -> list[Op]:
    """The ops, each holding the parsed SQL statement it was read from (recomputed.py reads a
    downgrade's UPDATE again)."""
    for each in ops:
        each.statement = statement
    return ops


def new_columns_pick_nothing(ops: list[Op]) -> None:
    """A column the revision added before a SELECT holds NULL in every row: a WHERE testing it
    (``WHERE secret_id IS NULL``, agenta c3b2a1d4e5f6) takes every row or none, no choice
    among them; it is left out of what the SELECT is ``picked_by``."""
    added: set[Ref] = set()
    for op in ops:
        if op.name == "add_column" and op.table and op.column:
            added.add((op.table, op.column.lower()))
        elif op.picked_by:
            op.picked_by = frozenset(r for r in op.picked_by if (r[0], r[1].lower()) not in added)


def bare_name(table: str | None) -> str:
    """A table's name without its schema or quotes, lower case ("" for None)."""
    return (table or "").rpartition(".")[2].strip('"').lower()


def spelled_like(table: str, touched: frozenset[str]) -> bool:
    """Is ``table`` (schema aside) one of the names touched, or spelled like one (an ORM
    class ``Encounter`` for ``encounters``, ``UserIntervention`` for ``user_interventions``)?"""
    bare = bare_name(table)
    mine = _forms(bare) | _forms(bare.replace("_", ""))
    return any(_forms(bare_name(t).removeprefix("orm:")) & mine for t in touched)


def _forms(word: str) -> set[str]:
    forms = {word, word + "s", word + "es"}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    return forms


DropKey = tuple[str, int, str | None, str | None]


def drop_key(shown: str, op: Op) -> DropKey:
    """A drop's key in the walk's records: its file, line, table and column. The line alone
    is not one: a DO block's statements share the line of its ``op.execute`` (Metalflow-Pro
    000015 copies one column of ``test_campaigns`` and drops seven others there)."""
    return shown, op.line, op.table, op.column

