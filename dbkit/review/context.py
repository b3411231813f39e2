"""What every rule's check is handed: the chain, the walk of its schema, the fate of its drops.

An error is a proof: a rule reports loss or breakage as an error only when it saw every
statement that may touch the table or column. :meth:`Context.unfollowed` is the code it
could not follow (a loop over rows, a call it cannot read, SQL it cannot parse, an ORM
session) that may touch them; a rule that gets one reports a warning naming it instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from dbkit.review.branches import either_way
from dbkit.review.chain import Chain
from dbkit.review.dialect import POSTGRESQL
from dbkit.review.drops import Drop, drops
from dbkit.review.firsttime import first_time
from dbkit.review.innerjoin import Matched, partly_copied
from dbkit.review.leftovers import leftover
from dbkit.review.loopcopies import carries_read
from dbkit.review.madeagain import made_again
from dbkit.review.nameless import why_blind
from dbkit.review.onerow import one_row_copies
from dbkit.review.ops import DropKey, Op, drop_key, new_columns_pick_nothing, spelled_like
from dbkit.review.reader import Revision
from dbkit.review.revision import source_of
from dbkit.review.rewritten import made_before, revived
from dbkit.review.schema import Walk, walk
from dbkit.review.selffills import self_fills
from dbkit.review.selfonly import only_itself
from dbkit.review.tabletests import surely_runs
from dbkit.review.wherecopies import where_copies
from dbkit.review.wherefills import where_fills
from dbkit.review.wholerows import narrow

UNFOLLOWED = ("opaque", "execute")
FILLED = ("alter_column", "set_not_null")  # a NOT NULL: what matters is a fill before it
EARLIER = 10  # how many revisions back a backfill or copy the reviewer cannot follow counts
RUN_HINT = "`python -m dbkit review --run` runs the chain on a throwaway database and tells."


@dataclass
class Context:
    chain: Chain
    walk: Walk = field(init=False)
    drops: list[Drop] = field(init=False)
    conventions: frozenset[str] = frozenset()  # naming-convention keys of the models' MetaData
    # the project's data migrations run outside the chain: (path, names each mentions)
    data_migrations: tuple[tuple[str, frozenset[str], frozenset[str], frozenset[str]],
                          ...] = ()
    # the repository under review, whose files say how it runs the chain (None: not known)
    repository: Path | None = None
    dialect: str = POSTGRESQL  # the database the project runs the chain on (dialect.py)
    # (file, line) of a finding -> why the code not followed before it cannot change it
    blind: dict[tuple[str, int], str] = field(default_factory=dict, init=False)
    # drops whose column a copy of only some rows read first: (revision, line)
    partly_copied: set[tuple[str, int]] = field(default_factory=set, init=False)
    # drops of what a revision made before it was rewritten -> which and when (rewritten.py)
    rewritten: dict[DropKey, str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        matched: list[Matched] = []
        for at, rev in enumerate(self.chain.order):  # a SELECT * whose rows give only
            narrow(rev)  # some columns on
            new_columns_pick_nothing(rev.upgrade)  # (a WHERE on a column just added)
            matched += partly_copied(rev) + one_row_copies(rev)  # (only the rows a join
            # matches, or one row per key: onerow.py; or those a WHERE picks: wherecopies.py)
            matched += where_copies(rev, self.chain.order[:at])
            matched += where_fills(rev, self.chain.order[:at])  # (an UPDATE's: wherefills.py)
            matched += self_fills(self.chain.order, at, self.chain.descendants(rev))  # (selffills)
        self.walk = walk(self.chain.order)
        self.rewritten = revived(self.chain.order, self.walk)  # (made, then rewritten)
        self.drops = drops(self.chain, self.walk)
        self._matched_only(matched)

    def _matched_only(self, matched: list[Matched]) -> None:
        """A drop, with no copy kept, of a table (or of a column of it) that an INSERT ...
        SELECT through a join before it copied only the matched rows of: the message says so."""
        at = {r.shown: i for i, r in enumerate(self.chain.order)}
        for i, drop in enumerate(self.drops):
            here = (at.get(drop.rev.shown, -1), drop.op.line)
            copies = [m for m in matched if m.table == drop.op.table
                      and (at.get(m.rev.shown, -1), m.line) < here
                      and (not m.where or m.rev is drop.rev or m.later)  # (wherecopies: its own drop)
                      and (drop.op.column is None or {"*", drop.op.column.lower()} & m.columns)]
            if len({(m.table, m.why) for m in copies if m.why}) == 1 \
                    and all(m.why for m in copies):
                copies = copies[-1:]  # the same one row per key, copied again: the last one
            if len(copies) != 1 or not drop.lost:
                continue  # (several joins may together match every row)
            copy = copies[0]
            self.drops[i] = replace(drop, partner=None)  # (a copy, partly: no rename)
            where = "" if copy.rev is drop.rev else f" of revision {copy.rev.name}"
            self.partly_copied.add((drop.rev.shown, drop.op.line))
            self.blind.setdefault((drop.rev.shown, drop.op.line), (
                f" The {copy.join} at line {copy.line}{where} copies {copy.table} from one row "
                f"per key only: {copy.why}; the values of its other rows are copied nowhere."
                if copy.why else
                f" The UPDATE at line {copy.line}{where} carries {copy.table}."
                f"{', '.join(sorted(copy.columns))} only into the rows WHERE {copy.where}, "
                "which may leave rows out: the others' values are copied nowhere."
                if copy.where and copy.join == "UPDATE" else
                f" The INSERT ... SELECT at line {copy.line}{where} copies only the rows of "
                f"{copy.table} WHERE {copy.where}, which may leave rows out: the others are "
                "copied nowhere." if copy.where else
                f" The INSERT ... SELECT at line {copy.line}{where} copies only the rows of "
                f"{copy.table} its {copy.join} matches on {copy.table}.id: the others are "
                "copied nowhere."))

    @classmethod
    def of(cls, revisions: list[Revision], conventions: frozenset[str] = frozenset(),
           data_migrations: tuple[tuple[str, frozenset[str], frozenset[str], frozenset[str]],
                          ...] = (), repository: Path | None = None,
           dialect: str = POSTGRESQL) -> Context:
        return cls(Chain(revisions), conventions=conventions, data_migrations=data_migrations,
                   repository=repository, dialect=dialect)

    @property
    def revisions(self) -> list[Revision]:
        return self.chain.revisions

    @property
    def readable(self) -> list[Revision]:
        return [r for r in self.chain.revisions if not r.error]

    def unfollowed(self, rev: Revision, op: Op) -> Op | None:
        """Code the reviewer could not follow that may touch ``op``'s table or column: before
        it in its revision, or in an earlier revision (at most ``EARLIER`` back) a loop, ORM
        session or helper that names both: a backfill or an encrypted copy made some
        revisions before the drop (SQL it could not parse there is not enough: a trigger's
        body)."""
        for other in rev.upgrade:
            if other.seq >= op.seq:
                break
            if op.name in FILLED and other.name == "delete" and other.table == op.table \
                    and other.removes in ("orm", "unknown"):  # (a query's filter() is read)
                return Op("opaque", other.line, other.end_line, reason="a delete whose rows it "
                          f"cannot tell (line {other.line}), which may remove those left NULL")
            if other.name in UNFOLLOWED and other.reason and (other.may_touch(
                    op.table, op.column) or carries_read(rev, other, op)) \
                    and not _settled(other, op) and not self._keeps_no_row(other, op) \
                    and not _copies_none(other, op) and not _own_sql(other, op) \
                    and not self._reads_too_little(rev, other, op):
                if op.column and other.carries is not None \
                        and op.column.lower() not in other.carries:
                    continue  # a loop over listed columns that holds none of this one
                if _cannot_fill(other, op):
                    continue  # before a NOT NULL: it sets other names, deletes nothing
                partial = _some_rows_only(rev, other, op)
                if partial:  # a loop over the rows a WHERE picks: the others are lost
                    self.blind.setdefault((rev.shown, op.line), partial)
                    self.partly_copied.add((rev.shown, op.line))
                    continue
                blind = why_blind(rev, other, op)
                if blind:  # it never names the column: it cannot keep or fill it
                    self.blind.setdefault((rev.shown, op.line), blind)
                    continue
                return other
        if op.table is None:
            return None
        bare = op.table.rpartition(".")[2].lower()
        column = (op.column or "").lower()
        for earlier in self.ancestors(rev, EARLIER):
            for other in earlier.upgrade:
                if other.name == "opaque" and other.reason and other.mentions is not None \
                        and bare in other.mentions and not _settled(other, op) \
                        and not self._keeps_no_row(other, op) \
                        and (not column or _touches(op, other, column)) \
                        and not _rewrites_only(other, op) and not _inserts_only(other, op) \
                        and not _reads_none(earlier, other, op) \
                        and not only_itself(earlier, other, op):  # (selfonly.py)
                    return other
        for path, named, stored, whole in self.data_migrations:  # (a NOT NULL: one that
            if (bare in whole and not column or bare in named and (  # sets it)
                    not column or column in (stored if op.name in FILLED else named))) \
                    and self._may_run_before(path, rev):
                return Op("opaque", 0, 0, reason=f"the project's data migration {path}, run "
                                              "outside the chain")
        return None

    def _may_run_before(self, path: str, rev: Revision) -> bool:
        """Can the data migration at ``path`` have run before ``rev``? Not when revisions of
        the chain import it and none of them is ``rev`` or comes before it: it runs after."""
        stem = re.escape(path.rpartition("/")[2].removesuffix(".py"))
        callers = [r for r in self.chain.order
                   if re.search(rf"\bdata_migrations\b[^\n]*\b{stem}\b", source_of(r.path))]
        if not callers:
            return True
        before = {r.name for r in self.ancestors(rev, len(self.chain.order))} | {rev.name}
        return any(r.name in before for r in callers)

    def _keeps_no_row(self, loop: Op, delete: Op) -> bool:
        """Before a DELETE: a loop that writes no SQL that inserts or updates, and sets no
        name of the table's columns (only bound parameters: ``{"ids": ids}``), copies none
        of its rows anywhere (agenta a1b2c3d4e5f6: fetch ids, delete them, repeat)."""
        if delete.name != "delete" or loop.stores is None:
            return False
        columns = {c.lower() for c in self.walk.schema.tables.get(delete.table or "", {})}
        return not loop.stores & (columns | {"insert", "update", "into"})

    def _reads_too_little(self, rev: Revision, loop: Op, delete: Op) -> bool:
        """Before a DELETE of some rows: a loop whose statements name every table they touch,
        in a revision whose SQL is all read and that reads the table only by listed columns,
        one of the deleted rows' columns never among them, keeps no deleted row whole
        (miguelenruiz1/miguelt 086, held-out44: a loop over ``SELECT DISTINCT tenant_id FROM
        tax_categories`` upserts two categories per tenant; the DELETE of the others after it
        keeps their names nowhere)."""
        if delete.name != "delete" or delete.column or not delete.some_rows \
                or loop.name != "opaque" or loop.touches is None \
                or any(t.startswith("orm:") for t in loop.touches):
            return False
        before = [o for o in rev.upgrade if o.seq < delete.seq]
        if any(o.name == "execute" and o.reason for o in before):
            return False  # SQL it could not read
        bare = (delete.table or "").rpartition(".")[2].lower()
        read = {c.lower() for o in before for t, c in o.reads
                if (t or "").rpartition(".")[2].lower() == bare}
        held = {c.lower() for c in self.walk.schema.tables.get(delete.table or "", {})}
        return "*" not in read and bool((held | {k.lower() for k in delete.keys}) - read)

    def proof(self, rev: Revision, op: Op) -> str:
        """What the reviewer did not follow before ``op`` and why that cannot change the
        finding (for an error's message), or ""."""
        return self.blind.get((rev.shown, op.line), "")

    def ancestors(self, rev: Revision, most: int) -> list[Revision]:
        """The revisions before ``rev``, nearest first, at most ``most``."""
        return self.chain.ancestors(rev, most)

    def on_path(self, rev: Revision, name: str) -> bool:
        """Is revision ``name`` on ``rev``'s own path (EasySochi_bot fcf08babfd22 starts again
        from 1aef50a5b0a8, beside the revisions that made the same tables)?"""
        return self.chain.before(rev, name)

    def _guards_itself(self, rev: Revision, op: Op) -> bool:
        """Is the ``if`` over ``op`` a check of the very object it drops or adds (``if "t" in
        tables: drop_table("t")``), and no earlier revision dropped or added it too? Then
        the op runs whenever there are values to lose or rows to fill: no doubt. When an
        earlier revision did the same, this one may never run: doubt."""
        if op.name in ("delete", "empty", "drop_column") and (op.table, "", True) in op.table_tests:
            return True  # (a DELETE, an UPDATE or a column's drop of a table that is not there
            # loses nothing: it runs when there are rows; inky-image-display 0017, held-out51)
        if first_time(rev, op, self.ancestors(rev, len(self.chain.order))):  # firsttime.py
            return True
        if op.name not in ("drop_column", "drop_table", "add_column"):
            return False
        mine = _object(op)
        name = mine[2] or (op.table or "").rpartition(".")[2]
        if not name or not re.search(rf"\b{re.escape(name)}\b", op.condition):
            return False
        earlier = self.ancestors(rev, len(self.chain.order))
        return not any(_object(other) == mine for r in earlier for other in r.upgrade) \
            or made_again(earlier, op, name)  # (madeagain.py)

    def guard(self, rev: Revision, op: Op) -> str:
        """"" unless ``op`` runs under an ``if`` the reviewer cannot evaluate (and that is
        more than a check of the op's own object); else why that is no proof."""
        if not op.conditional or _tests_its_values(op) or either_way(rev.upgrade, op) \
                or surely_runs(self.walk.schema, rev.name, op):  # (a test the chain proves)
            return ""
        if self._guards_itself(rev, op):  # (not of a table the chain never uses: leftovers.py)
            why = leftover(self.chain, self.walk.schema, op)
            made = made_before(self.chain.order, rev, op) if why else ""
            if made:  # (made by a revision still in the chain, as once committed)
                self.rewritten[drop_key(rev.shown, op)] = made
            return "" if made else why
        test = op.condition if len(op.condition) <= 80 else op.condition[:77] + "..."
        return (f"it runs only if `{test}` (line {op.line}), which the reviewer cannot "
                "evaluate: an earlier revision may have done it already. ")

    def doubt(self, rev: Revision, op: Op) -> str:
        """"" when the finding is a proof; else why it is not (for a warning's message)."""
        if op.table is None or (op.name in ("drop_column", "alter_column", "set_not_null")
                                and op.column is None):
            return "the reviewer cannot tell which table or column this names. "
        guard = self.guard(rev, op)
        if guard:
            return guard
        other = self.unfollowed(rev, op)
        if other is None:
            return ""
        earlier = next((r for r in self.ancestors(rev, EARLIER)
                        if any(o is other for o in r.upgrade)), None)
        where = f" in revision {earlier.revision or earlier.name}" if earlier else ""
        return f"the reviewer could not follow {other.reason}{where}, which may change that. "


def _own_sql(other: Op, op: Op) -> bool:
    """Was ``other`` read from ``op``'s own SQL statement (a self-join dedupe's companion
    ``execute``, pgsql._delete)? It is the op itself, no code around it."""
    return other.statement is not None and other.statement is op.statement


def _object(op: Op) -> tuple[str, str | None, str | None]:
    """What an op drops or adds: (op, table, column); column None for a table."""
    return op.name, op.table, op.added.name if op.added else op.column


def _tests_its_values(op: Op) -> bool:
    """A DELETE run only ``if ids:``, ids the values its parameters are given (``DELETE ...
    WHERE id IN :ids``): it runs whenever it has rows to remove; the test is no doubt."""
    return op.name == "delete" and bool(op.tested_names) \
        and op.tested_names <= op.params | {"len", "bool", "tuple", "list", "set"}


def _reads_none(earlier: Revision, loop: Op, delete: Op) -> bool:
    """Before a DELETE: could ``loop``, in an earlier revision, have copied the table's rows?
    Not when it names every table it touches, no ORM class spelled like this one, and no
    statement of its revision reads a value of the table (truenth 773b1de060dd: a loop that
    inserts role rows INTO user_roles, before a33cb61fff11 deletes some)."""
    if delete.name not in ("delete", "empty") or delete.column \
            or (loop.touches is None and not _updates_only(loop, delete)):
        return False
    classes = frozenset(t for t in loop.touches or () if t.startswith("orm:"))
    return not spelled_like(delete.table or "", classes) and not any(
        t == delete.table for o in earlier.upgrade for t, _ in o.reads)


def _updates_only(loop: Op, delete: Op) -> bool:
    """Does ``loop`` write only SQL UPDATEs that name the deleted table and read no table
    (open-event 9540464e9b57's list of ``UPDATE custom_forms SET name = '...' WHERE ...``,
    values from a constant map)? Such a loop copies no row anywhere: a later DELETE of them
    is not kept by it. Not an UPDATE of a table it cannot name (fides 85ce2c1c9579 folds
    child rows into their root's JSON through ``UPDATE {safe_table}``)."""
    bare = (delete.table or "").rpartition(".")[2].lower()
    return loop.stores is not None and {"update", bare} <= loop.stores \
        and not loop.stores & {"insert", "into", "select", "from", "copy"}


def _copies_none(other: Op, drop: Op) -> bool:
    """Before a drop (or a DELETE): SQL not parsed that is one MySQL ALTER TABLE or one
    DELETE (a dedupe's self-join, AEOGEO 5f9f8b6c1d2e), or a Core update of constants only,
    puts no value of the dropped column anywhere (unless it may add or set that very column:
    then the drop may find it new)."""
    return other.copies_none is not None and drop.name in ("drop_column", "drop_table", "delete") \
        and (drop.column or "").lower() not in other.copies_none


def _settled(loop: Op, op: Op) -> bool:
    """Was ``loop`` followed not to carry the values ``op`` drops? (Never for a NOT NULL:
    a loop that only tests a column may still set it.)"""
    return op.name not in FILLED and loop.settles(op.table, op.column)


def _rewrites_only(loop: Op, op: Op) -> bool:
    """Before a NOT NULL: a loop that only writes the column back with each row's own value
    (rewrites.py, digitalmarketplace 610 before 810) fills none of its NULLs."""
    return op.name in FILLED and (op.table, op.column) in loop.unfilled


def _cannot_fill(loop: Op, op: Op) -> bool:
    """Before a NOT NULL: code whose stores are known, that sets no such column (nor its
    relationship) and names no DELETE, neither fills its NULLs nor removes their rows (ee
    agenta a9f3e8b7c5d1: a loop inserting workspaces, before organizations.owner_id)."""
    if _rewrites_only(loop, op):
        return True
    return op.name in FILLED and bool(op.column) and loop.stores is not None \
        and loop.mentions is not None and "delete" not in loop.mentions \
        and not _touches(op, loop, (op.column or "").lower())


# SQL words of a loop that may change rows already there (an upsert, a MERGE, an UPDATE).
_CHANGES_ROWS = frozenset({"update", "delete", "conflict", "merge", "replace", "upsert", "set"})


def _inserts_only(loop: Op, op: Op) -> bool:
    """Before a NOT NULL: a loop of an earlier revision whose SQL only INSERTs adds rows and
    fills no NULL of the rows there (dba-backend 20260222000001 inserts vihaddata rows from
    temporary_vihara, before 20260226000001 makes vh_vname NOT NULL)."""
    words = loop.stores
    return op.name in FILLED and words is not None and "insert" in words \
        and not words & _CHANGES_ROWS and loop.mentions is not None \
        and not loop.mentions & _CHANGES_ROWS


def _some_rows_only(rev: Revision, loop: Op, op: Op) -> str:
    """Before a drop_column: "" unless ``loop`` goes over the rows of a SELECT of listed
    columns whose WHERE on other columns picks only some rows, and every read of the column
    before the drop is such a SELECT (truenth cfb3cf41a07a: ``SELECT id, username FROM users
    WHERE email IS NULL``, each username copied into email): whatever the loop does, the
    values of the rows left out are copied nowhere; else why, for the error's message."""
    if op.name != "drop_column" or not op.column or loop.name != "opaque" \
            or loop.mentions is None or loop.stores is None:
        return ""
    reads = [o for o in rev.upgrade if o.seq < op.seq and o.name in ("read", "insert", "backfill")
             and o.reads_column(op.table, op.column)]
    before = [o for o in rev.upgrade if o.seq < loop.seq and o.name == "read"]
    source = next((o for o in before if o.reads_column(op.table, op.column) and (
        {c.lower() for _, c in o.reads} <= loop.carries if loop.carries is not None
        else len(before) == 1)), None)  # (its rows, or the one fetch before it)
    if source is None or not all(o.name == "read" and o.partly(op.column) for o in reads):
        return ""
    tested = ", ".join(sorted({c for _, c in source.picked_by if c.lower() != op.column.lower()}))
    return (f" The reviewer could not follow {loop.reason}, but it goes over the rows of the "
            f"SELECT at line {source.line}, whose WHERE on {tested} picks only some of them: "
            f"the {op.column} of the others is copied nowhere.")


def _touches(op: Op, loop: Op, column: str) -> bool:
    """Could code not followed in an earlier revision have kept ``op``'s column: copied it
    (it reads it: before a drop) or filled it (it sets it: before a NOT NULL; an ORM
    relationship ``row.owner = ...`` sets ``owner_id``)?"""
    if op.name in FILLED and loop.stores is not None:
        return column in loop.stores or (column.endswith("_id") and column[:-3] in loop.stores)
    return column in (loop.mentions if loop.loads is None else loop.loads) \
        if loop.mentions is not None else True

