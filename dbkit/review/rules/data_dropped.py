"""data-dropped: a column or table dropped with no copy of its data kept."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from dbkit.review.blindloops import unkept, unnamed
from dbkit.review.catalogdrops import looked_up
from dbkit.review.context import RUN_HINT, UNFOLLOWED
from dbkit.review.dedupes import deletes_nothing
from dbkit.review.derived import derived_from
from dbkit.review.dupekeys import lost_columns
from dbkit.review.failsfirst import fails_first
from dbkit.review.folds import folded
from dbkit.review.keymaps import translated
from dbkit.review.keys import own_keys
from dbkit.review.linked import no_orphans
from dbkit.review.ops import drop_key, spelled_like
from dbkit.review.orphans import chosen
from dbkit.review.overwrites import a_fill_first, described
from dbkit.review.overwrites import fix as overwrite_fix
from dbkit.review.partcopy import uncopied
from dbkit.review.partwipes import wiped_uncopied
from dbkit.review.putback import computed_back
from dbkit.review.readback import read_back
from dbkit.review.readout import read_out
from dbkit.review.rules.base import ERROR, WARNING, Rule
from dbkit.review.samecommit import same_commit_note
from dbkit.review.seeded import seeded
from dbkit.review.selfcopy import copied_into_itself, keeps_deleted
from dbkit.review.sinks import may_keep
from dbkit.review.unplaced import unplaced
from dbkit.review.unseen import unseen

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.drops import Drop
    from dbkit.review.findings import Finding
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision


def check(ctx: Context) -> Iterator[Finding]:
    yield from _drops(ctx)
    yield from _unnamed(ctx)
    yield from _deletes(ctx)
    yield from _some_deleted(ctx)
    yield from _overwritten(ctx)


# Alembic's batch mode copies a table into _alembic_tmp_<name> and renames the copy back; a
# run that failed leaves the copy behind, which a later revision drops (nepms-pharmacy-pos
# 9fd161bdcc63): rows copied from a table that still holds them, none of its own.
SCRATCH = "_alembic_tmp_"


def _drops(ctx: Context) -> Iterator[Finding]:
    for drop in ctx.drops:
        if not drop.lost or drop.partner is not None:  # a partner is rename-as-drop-add's
            continue
        if translated(ctx.chain, drop.rev, drop.op) == "":
            continue  # a key kept through another, one to one (keymaps.py)
        if drop.op.name == "drop_table" \
                and (drop.op.table or "").rpartition(".")[2].startswith(SCRATCH):
            continue
        op = drop.op
        what = f"column {op.table or '?'}.{op.column or '?'}" if op.name == "drop_column" \
            else f"table {op.table or '?'}"
        also = ""
        if drop.unpaired:
            names = ", ".join(f"{a.table}.{a.column} (line {a.line})" if a.column else
                              f"a column of {a.table} it cannot name (line {a.line})"
                              for a in drop.unpaired)
            also = (f" This revision also adds {names}; if it is meant to hold these values, "
                    "copy them into it before the drop.")
        fix = ("copy the data somewhere first (and put it back in downgrade()), then say where "
               "on the line above: `# dbkit: data-kept-in <table or file>`.")
        rest = (_refilled(drop.rev.upgrade, op) if drop.remade else "") \
            or unplaced(drop.rev.upgrade, op) or read_out(drop.rev, op) \
            or read_back(drop.rev, op)
        doubt = ctx.doubt(drop.rev, op)
        lost, why = unkept(ctx, drop.rev, op) if doubt and not rest else ((), "")
        if lost:  # (a loop of an earlier revision that names none of them: blindloops.py)
            drop, doubt = replace(drop, uncopied=lost), ""
            ctx.blind.setdefault((drop.rev.shown, op.line), why)
        doubt = doubt or rest
        hint = RUN_HINT if doubt else ""  # (a throwaway database has no table made outside)
        doubt = doubt or unseen(ctx.chain.order, drop.rev, op, ctx.walk.schema.outside, ctx.repository
                                if drop_key(drop.rev.shown, op) not in ctx.rewritten else None)
        if doubt:
            yield RULE.finding(drop.rev, op.line, f"Drops {what}; no copy of its values is seen, "
                               f"but {doubt}{hint}".rstrip(), fix).replace(severity=WARNING)
            continue
        also += "" if drop_key(drop.rev.shown, op) in ctx.rewritten \
            else same_commit_note(ctx, drop.rev, op)
        derived = _derived(ctx, drop)
        if derived:
            yield RULE.finding(drop.rev, op.line, f"Drops {what}, whose values look derived: "
                               f"{derived}, so it can compute them again. If they are not, "
                               f"they are lost, with no copy kept.{also}",
                               fix).replace(severity=WARNING)
            continue
        if drop.uncopied:
            yield RULE.finding(
                drop.rev, op.line, f"Drops {what} after copying only some of its columns: "
                f"{', '.join(drop.uncopied)} {'is' if len(drop.uncopied) == 1 else 'are'} "
                f"copied nowhere, and every value in {'it' if len(drop.uncopied) == 1 else 'them'}"
                f" is lost.{also}{ctx.proof(drop.rev, op)}", fix)
            continue
        made = ctx.rewritten.get(drop_key(drop.rev.shown, op))
        if made:  # (made by a revision still in the chain, as once committed: rewritten.py)
            yield RULE.finding(drop.rev, op.line, f"Drops {what}, which {made}: a database "
                               f"upgraded before that holds it, and every "
                               f"{'value' if op.column else 'row'} in it goes with no copy "
                               f"kept.{also}{ctx.proof(drop.rev, op)}", fix)
            continue
        again = f" (re-created empty at line {drop.remade})" if drop.remade else ""
        kept = ("and the values a copy of some of its rows left out" if
                (drop.rev.shown, op.line) in ctx.partly_copied
                else "and every value in it, with no copy kept")
        yield RULE.finding(drop.rev, op.line, f"Drops {what}{again} {kept}.{also}"
                           f"{ctx.proof(drop.rev, op)}{fails_first(ctx, drop.rev, op)}", fix)


def _unnamed(ctx: Context) -> Iterator[Finding]:
    """A drop of a table whose name is looked up as it runs (``DROP TABLE "{name}"`` in a loop
    over a query the reviewer cannot read: catalogdrops.py names the tables when it can)."""
    for rev in ctx.readable:
        for op in rev.upgrade:
            if op.name == "drop_table" and looked_up(op) and not rev.marker_for(op):
                yield RULE.finding(rev, op.line, "Drops each table whose name it looks up as it "
                                   "runs; which tables, and whether a copy of their rows is "
                                   f"kept, the reviewer cannot tell. {RUN_HINT}").replace(
                                       severity=WARNING)


def _deletes(ctx: Context) -> Iterator[Finding]:
    """``DELETE FROM t`` (or ``TRUNCATE t``) with no WHERE in an upgrade: every row of t and
    every value in it is gone, unless the revision made t itself or copied its rows first
    (an ``INSERT ... SELECT`` from it, a loop reading it) or a marker says where they are."""
    for rev in ctx.readable:
        for op in rev.upgrade:
            if op.name != "empty" or op.column or not op.table or rev.marker_for(op):
                continue
            copy, lost = wiped_uncopied(ctx, rev, op)  # (a copy of some columns only)
            if copy is None and _copied_or_made(rev.upgrade, op):
                continue
            fix = (f"copy the rows first (`INSERT INTO <archive> SELECT * FROM {op.table}`) and "
                   "put them back in downgrade(), or delete only the rows meant to go (a WHERE); "
                   "then say where the copy is on the line above: "
                   "`# dbkit: data-kept-in <table or file>`.")
            doubt = ctx.doubt(rev, op) or _refilled(rev.upgrade, op) or _rebuilt(rev.upgrade, op)
            if doubt and copy is not None:
                continue  # (a copy, if partly, and code not followed: as before, no finding)
            note = "" if doubt else same_commit_note(ctx, rev, op)
            if copy is not None:
                yield RULE.finding(
                    rev, op.line, f"Deletes every row of table {op.table} (no WHERE) after "
                    f"copying only some of its columns (line {copy.line}): {', '.join(lost)} "
                    f"{'is' if len(lost) == 1 else 'are'} copied nowhere, and every value in "
                    f"{'it' if len(lost) == 1 else 'them'} is lost.{note}{ctx.proof(rev, op)}",
                    fix)
                continue
            if doubt:
                yield RULE.finding(rev, op.line, f"Deletes every row of table {op.table}; no copy "
                                   f"of them is seen, but {doubt}{RUN_HINT}",
                                   fix).replace(severity=WARNING)
                continue
            yield RULE.finding(rev, op.line, f"Deletes every row of table {op.table} (no WHERE) "
                               f"and every value in them, with no copy kept.{note}", fix)


_SOME = {
    "duplicates": "it removes duplicates, keeping one row of each group, and the reviewer "
                  "cannot tell that the removed rows hold columns outside the group's key (it "
                  "covers every column the chain gives the table, or the key or the columns "
                  "are not known). ",
    "orphans": "the rows its NOT IN / NOT EXISTS keeps are picked by a constant: it chooses "
               "the rows to remove, which may have been turned into something else first "
               "(orphans.py). ",
    "unknown": "the reviewer cannot read which rows it removes. ",
    "orm": "it deletes through an ORM session (session.delete) the rows the code around it "
           "picks, which the reviewer cannot tell. ",
    "orm-query": "it deletes through an ORM query (query(...).filter(...).delete()), which "
                 "the reviewer does not read as SQL. ",
}


def _some_deleted(ctx: Context) -> Iterator[Finding]:
    """``DELETE FROM t WHERE ...`` (raw SQL, ``sa.text``, Core ``t.delete().where(...)``) in
    an upgrade, of a table the chain keeps: the rows its WHERE picks are gone, unless this
    revision (or an earlier one) copied the table's rows first or made the table. A warning
    when it removes duplicates it cannot show hold columns of their own (dupekeys.py), or
    when the SQL cannot be read. Orphans (rows whose link finds nothing) are lost as well,
    unless the link is a choice of rows (orphans.py)."""
    for rev in ctx.readable:
        for op in rev.upgrade:
            if not _some(op) or not op.table or rev.marker_for(op) \
                    or _dropped_after(rev.upgrade, op) or (rev.shown, op.line) in ctx.walk.pinned:
                continue  # (a WHERE pinning every column: the rows' values are all in it)
            held = frozenset(c.lower() for c in ctx.walk.schema.tables.get(op.table, {}))
            copy = _copied_first(rev.upgrade, op, held) or _copied_earlier(ctx, rev, op)
            partial = uncopied(ctx, rev, op, copy)  # (an UPDATE reading some columns only)
            forbidden = no_orphans(ctx, rev, op)  # (or only rows whose NOT IN link is NULL)
            if copy is not None and copy.name != "read" and not partial \
                    or deletes_nothing(ctx, rev, op) or forbidden == "":
                continue  # (rows only read into code: kept only if that code keeps them;
                # the duplicates of a key a unique constraint covers: none, dedupes.py;
                # orphans foreign keys forbid: none, linked.py)
            where = f" WHERE {op.picks}" if op.picks else ""
            fix = (f"copy them first (`INSERT INTO <archive> SELECT {op.using or '* FROM ' + op.table}"
                   f"{where}`) "
                   "and put them back in downgrade(); then say where the copy is on the line "
                   "above: `# dbkit: data-kept-in <table or file>`.")
            removes = "orphans" if (rev.shown, op.line) in ctx.walk.unlinked else op.removes
            dupes = lost_columns(ctx, rev, op) if removes == "duplicates" else None
            doubt = "" if dupes or removes == "orphans" and not chosen(op) \
                else _SOME.get(removes, "")
            hint = RUN_HINT if removes in ("unknown", "orm", "orm-query") or not doubt else ""
            seed = seeded(ctx, rev, op) if not doubt else None
            if seed == "":
                continue  # (the chain's own rows, put back by the downgrade: seeded.py)
            unfollowed = "" if doubt or seed else ctx.doubt(rev, op)
            kept, proof = unnamed(ctx, rev, op, dupes[1]) if unfollowed and dupes else ((), "")
            if kept and dupes:  # (duplicates' columns no loop names: blindloops.py)
                dupes, unfollowed = (dupes[0], kept), ""
            doubt = doubt or forbidden or seed or unfollowed or copied_into_itself(rev, op) \
                or _rebuilt(rev.upgrade, op) \
                or _put_back(rev, op) or computed_back(rev, op) or folded(rev, op) \
                or ("" if kept else _read_kept(copy, rev))
            if doubt:
                yield RULE.finding(rev, op.line, f"Deletes the rows of {op.table}{where}; no "
                                   f"copy of them is seen, but {doubt}{hint}",
                                   fix).replace(severity=WARNING)
                continue
            read = "" if copy is None or kept else (f" (line {copy.line} reads them into code, "
                                            "which writes nothing anywhere)") if not partial \
                else (f" (the {'UPDATE' if copy.name == 'backfill' else 'INSERT'} of line "
                      f"{copy.line}{_of_revision(ctx, rev, copy)} reads none of their "
                      f"{', '.join(partial)})")
            what = f"the rows of {op.table}{where}" if not dupes else (
                f"the duplicate rows of {op.table} (one kept per {dupes[0]}), whose other "
                f"columns ({', '.join(dupes[1])}) are their own")
            orphans = " (orphans: rows whose link finds nothing)" if removes == "orphans" else ""
            yield RULE.finding(rev, op.line, f"Deletes {what}{orphans}; no revision keeps "
                               f"them{read}: copy them to an archive table first.{proof}"
                               f"{same_commit_note(ctx, rev, op)}", fix)


def _of_revision(ctx: Context, rev: Revision, copy: Op) -> str:
    """" of revision X" when ``copy`` is an earlier revision's, for a message."""
    if any(o is copy for o in rev.upgrade):
        return ""
    return next((f" of revision {r.revision or r.name}" for r in ctx.revisions
                 if any(o is copy for o in r.upgrade)), "")


def _overwritten(ctx: Context) -> Iterator[Finding]:
    """``UPDATE t SET c = NULL`` (or a literal) on every row, or a type change whose ``USING``
    does not read c (overwrites.py), in an upgrade: the values c held
    are gone, unless this revision made c (nothing to lose), a revision copied them first, or
    a marker says where they are (an error, also before a NOT NULL of c: meant as a fill, it
    overwrites the rows that held values too). A warning with a drop's doubts (code not
    followed, a rebuild after it) or when c is fresh: added by the revision before."""
    for rev in ctx.readable:
        for op in rev.upgrade:
            for column, value in op.clears if op.table and not rev.marker_for(op) and (
                    op.via == "sql" or op.name == "alter_column") else ():  # (overwrites.py)
                gone = replace(op, name="drop_column", column=column)
                if _made_or_gone(rev.upgrade, gone) or _column_copied(ctx, rev, gone):
                    continue
                what = described(op, column, value)
                fix = overwrite_fix(op, column)
                doubt = ctx.doubt(rev, gone) or _refilled(rev.upgrade, gone) \
                    or _read(_read_first(rev.upgrade, gone), rev) or _just_added(ctx, rev, gone)
                if doubt:
                    yield RULE.finding(rev, op.line, f"{what}; no copy of the values it held "
                                       f"there is seen, but {doubt}", fix).replace(severity=WARNING)
                    continue
                yield RULE.finding(rev, op.line, f"{what}: the values it held are lost, with no "
                                   f"copy kept.{a_fill_first(rev.upgrade, gone)}"
                                   f"{ctx.proof(rev, gone)}{same_commit_note(ctx, rev, gone)}", fix)


def _just_added(ctx: Context, rev: Revision, gone: Op) -> str:
    """"" unless the revision before this one added the column (notifications-api 0023 adds
    research_mode, 0024 sets it false everywhere): no revision wrote a value into it, only
    the application may have in between; else that, for a warning's message."""
    for parent in ctx.ancestors(rev, 1):
        if any(o.name == "add_column" and o.table == gone.table and o.column == gone.column
               for o in parent.upgrade):
            return (f"the revision before ({parent.revision or parent.name}) added the column "
                    "and no revision wrote it since: only values the application wrote in "
                    "between are overwritten. ")
    return ""


def _made_or_gone(ops: list[Op], gone: Op) -> bool:
    """Did this revision make (or empty) the table or column before the UPDATE (no old value),
    or set it to a constant in every row last (swarmsmp-site cc9ce76cd215: ``SET c = NULL``,
    then ``SET c = 1``: the first is the loss), or does it drop or empty them after (that
    finding says it)?"""
    last = [o for o in ops if o.seq < gone.seq and (gone.table, gone.column) in o.writes]
    if last and any(c == gone.column for c, _ in last[-1].clears) and last[-1].table == gone.table:
        return True
    for other in ops:
        same = other.table == gone.table
        if other.seq < gone.seq and same and (other.name == "create_table" or (
                other.name == "add_column" and other.column == gone.column)
                or other.name == "empty" and other.column in (gone.column, None)):
            return True  # (made, or emptied first: clinicforge 025's TRUNCATE, then USING NULL)
        if other.seq < gone.seq and other.new_name == gone.table and other.name == "rename_table":
            return True  # (a column renamed into place keeps its values: College-Football 0052)
        if other.seq > gone.seq and same and (other.name == "drop_table" or (
                other.name in ("drop_column", "empty") and other.column in (gone.column, None))):
            return True
    return False


def _column_copied(ctx: Context, rev: Revision, gone: Op) -> bool:
    """Did an INSERT or UPDATE of another table or column (this revision's before the
    overwrite, or an earlier revision's) read the column's values?"""
    def copies(other: Op) -> bool:
        return other.name in ("insert", "backfill") \
            and other.reads_column(gone.table, gone.column) \
            and any((t, c) != (gone.table, gone.column) for t, c in other.writes)

    return any(copies(o) for o in rev.upgrade if o.seq < gone.seq) or any(
        copies(o) for r in ctx.ancestors(rev, len(ctx.chain.revisions)) for o in r.upgrade)


def _read_first(ops: list[Op], gone: Op) -> Op | None:
    """A read of the column into code before the overwrite, in this revision."""
    return next((o for o in ops if o.seq < gone.seq and o.name == "read"
                 and o.reads_column(gone.table, gone.column)), None)


def _copied_earlier(ctx: Context, rev: Revision, delete: Op) -> Op | None:
    """The op of a revision before this one (in the chain's order) that copied the table's
    rows into a table still holding them (no DELETE, TRUNCATE or drop of it since, this
    revision's before the DELETE included), or read them into code; None if none did."""
    gone = {o.table for o in rev.upgrade if o.seq < delete.seq and _removes_rows(o)}
    read = None
    for earlier in ctx.ancestors(rev, len(ctx.chain.revisions)):
        found = [o for o in earlier.upgrade if _copies(o) and o.table not in gone
                 and not _keys_only(o, delete, earlier=True)
                 and any(t == delete.table and t != o.table for t, _ in o.reads)]
        copy = next((o for o in found if o.name != "read"), None)
        if copy is not None:  # (a copy into a table: a read alone is only a doubt)
            return copy
        read = read or next(iter(found), None)
        gone |= {o.table for o in earlier.upgrade if _removes_rows(o)}
    return read


def _read_kept(copy: Op | None, rev: Revision) -> str:
    """``_read`` for a DELETE: "" too when this revision read the rows and writes them
    nowhere (no INSERT, UPDATE, ORM session or call it cannot follow; no file): the rows
    end with the process, and the DELETE is a plain loss (truenth 458e56eedb92). A read
    of an earlier revision stays a doubt (truenth ed70c144ae46 deletes identifiers another
    revision read, rows that duplicate what users keep: no plain reading tells)."""
    if copy is None or copy.name != "read":
        return ""
    mine = any(o is copy for o in rev.upgrade)
    return "" if mine and not may_keep(rev, copy) else _read(copy, rev)


def _read(copy: Op | None, rev: Revision) -> str:
    """"" unless ``copy`` is a read of the rows into code (a loop over a SELECT of more than
    their ids, truenth 458e56eedb92): whether that code keeps them is no plain reading."""
    if copy is None or copy.name != "read":
        return ""
    taken = ", ".join(sorted({c for _, c in copy.reads}))
    here = "" if any(o is copy for o in rev.upgrade) else " of an earlier revision"
    return (f"line {copy.line}{here} reads them ({taken}) into code first, which may keep "
            "them somewhere. ")


def _removes_rows(op: Op) -> bool:
    return op.name in ("delete", "drop_table") or (op.name == "empty" and not op.column)


def _copies(op: Op) -> bool:
    """Does this op carry rows somewhere else: a loop reading them, an insert or update of
    another table reading them (an UPDATE of a table reading its own rows keeps no copy)?"""
    return op.name in ("read", "insert", "backfill")


def _copied_first(ops: list[Op], delete: Op, held: frozenset[str] = frozenset()) -> Op | None:
    """The op of this revision before ``delete`` that created the table, or copied its rows
    into another (or read them into code: only if nothing else did); None if none did.
    ``held``: the table's columns, as the walk knows them."""
    read = None
    for other in ops:
        if other.seq >= delete.seq:
            break
        if (other.name == "create_table" and other.table == delete.table) \
                or keeps_deleted(other, delete):  # rows duplicated into t, then deleted
            return other
        if _copies(other) and any(t == delete.table and t != other.table
                                  for t, _ in other.reads) and not _keys_only(other, delete, held=held):
            if other.name != "read":
                return other
            read = read or other
    return read


def _keys_only(read: Op, delete: Op, earlier: bool = False, held: frozenset[str] = frozenset()
               ) -> bool:
    """Does ``read`` take of the table only its ``id`` or columns the DELETE's WHERE names
    (``SELECT id`` to feed ``WHERE id = ANY(:ids)``)? It picks rows, and keeps no value.
    A copy into a table that takes only keys (``id``, ``*_id``) keeps no row either
    (digitalmarketplace 350 copies ``users.supplier_id`` into supplier_frameworks; 470
    deletes the buyers: their rows are kept nowhere). So does an ``earlier`` revision's read
    into code of only keys (truenth 875b743d457f reads codeable_concept_codings' id and
    codeable_concept_id to delete a placeholder's: no copy of the Zulu rows d1f3ed8d16ef
    deletes). A read into code in the same revision of only keys of a table that ``held``
    shows holds a column that is none (miguelenruiz1/miguelt 086 reads ``SELECT DISTINCT
    tenant_id FROM tax_categories`` before it deletes categories by slug): no row whole."""
    named = set(re.findall(r"\w+", delete.picks.lower())) | {"id"}
    taken = {c.lower() for t, c in read.reads if t == delete.table}
    own = own_keys(delete.table or "")  # id_<table>: bib_fields.id_field (keys.py)
    key = {c for c in taken | held if c == "id" or c.endswith("_id") or c in own}
    keys = bool(taken) and "*" not in taken and taken <= key
    if read.name != "read" or earlier:
        return keys or (read.name == "read" and taken <= named)
    return taken <= named or keys and bool(held - taken - key)


def _some(op: Op) -> bool:
    """A DELETE of some rows: raw SQL's, or Core's ``t.delete().where(...)``."""
    return op.name == "delete" or (op.name == "execute" and op.via == "core" and bool(op.picks))


def _dropped_after(ops: list[Op], delete: Op) -> bool:
    """Does this revision drop the table after the DELETE, copying none of its rows between
    (that drop's own finding says it)? Rows deleted before a copy stay lost when the others
    are copied (AI-Assistant 0008 deletes the legacy rows of orgs with no user left, then
    copies the rest into the new tables: held-out53)."""
    drop = next((o for o in ops if o.seq > delete.seq and o.name == "drop_table"
                 and o.table == delete.table), None)
    return drop is not None and not any(
        delete.seq < o.seq < drop.seq and o.name in ("insert", "backfill")
        and any(t == delete.table and t != o.table for t, _ in o.reads) for o in ops)


def _refilled(ops: list[Op], gone: Op) -> str:
    """"" unless this revision writes the emptied (or dropped and re-created) table or column
    again after ``gone``: from other tables or columns (a rebuild: ``DELETE FROM t`` then
    ``INSERT INTO t SELECT ... FROM u``), or by code it cannot follow that may (an ORM session
    adding rows); else what, for a warning's message: whether the new values hold what the
    old ones did is no plain reading. Rows written from constants bring nothing back."""
    for other in ops:
        if other.seq <= gone.seq:
            continue
        writes = other.fills(gone.table, gone.column) if gone.column \
            else other.name == "insert" and any(t == gone.table for t, _ in other.writes)
        if other.name in ("insert", "backfill") and writes:  # rows back, or values back
            source = sorted({f"{t}.{c}" if gone.column else t for t, c in other.reads
                             if t and (t, c) != (gone.table, gone.column)
                             and (gone.column or t != gone.table)})
            if source:
                return (f"line {other.line} fills it again from {', '.join(source)} (a rebuild); "
                        "whether the new values hold what the old ones did is no plain "
                        "reading. ")
            if not gone.column and _built_from(ops, other, gone.table):
                return _built_doubt(ops, other, gone.table)
        elif other.name in UNFOLLOWED and other.reason \
                and other.may_touch(gone.table, gone.column):
            return (f"after it the reviewer could not follow {other.reason}, which may fill "
                    "it again. ")
    return ""


def _rebuilt(ops: list[Op], delete: Op) -> str:
    """"" unless this revision inserts rows into the table again after ``delete`` by an
    ``INSERT ... SELECT`` of something else (another table, ``generate_series``: a rebuild,
    notifications-api 0183); else what, for a warning. Rows inserted from constants (VALUES)
    bring back only what the revision wrote: the deleted rows' other values may be lost
    (fides b2c3d4e5f6a7 replaces rows users made), so that stays an error."""
    for other in ops:
        if other.seq > delete.seq and other.name == "insert" \
                and any(t == delete.table for t, _ in other.writes) \
                and any(t != delete.table for t, _ in other.reads):
            return (f"line {other.line} fills it again from a query (a rebuild); whether the "
                    "new rows hold what the deleted ones did is no plain reading. ")
        if other.seq > delete.seq and other.name == "insert" and other.table == delete.table \
                and _built_from(ops, other, delete.table):
            return _built_doubt(ops, other, delete.table)
    return ""


def _put_back(rev: Revision, delete: Op) -> str:
    """"" unless ``downgrade()`` inserts rows into the table again, writing every column the
    DELETE's WHERE picks its rows by (ed4283df2db5: ``DELETE FROM user_roles WHERE role_id =
    :staff_id AND user_id IN :ids``, the downgrade inserting (user_id, role_id) for the same
    users): it may rebuild them from data kept elsewhere, which is no plain reading. Only
    for a WHERE on values the code computes (bound parameters): one on constants picks rows
    a downgrade inserting constants brings back only in part (notifications-api 0262)."""
    if "$" not in delete.picks:
        return ""
    for other in rev.downgrade:
        written = {c for t, c in other.writes if t == delete.table}
        if other.name == "insert" and delete.keys and set(delete.keys) <= written:
            return (f"downgrade() inserts rows into {delete.table} again (line {other.line}), "
                    f"setting {', '.join(delete.keys)}: it may rebuild the deleted rows from "
                    "data kept elsewhere. ")
        if other.name == "opaque" and other.orm_call == "add" and other.touches \
                and spelled_like(delete.table or "", frozenset(
                    t for t in other.touches if t.startswith("orm:"))):
            return (f"downgrade() adds rows to {delete.table} again through an ORM session "
                    f"(line {other.line}): it may rebuild the deleted rows. ")
    return ""


def _built_from(ops: list[Op], insert: Op, table: str | None) -> list[Op]:
    """The reads of other tables, kept by this revision, before an ``op.bulk_insert`` into
    ``table`` whose rows code builds: the rows it inserts may be made from them (neutron
    3b935b28e7a0 empties its ipam tables and refills them from subnets in Python loops)."""
    if not insert.built:
        return []
    removed = {o.table for o in ops if _removes_rows(o)}
    return [o for o in ops if o.seq < insert.seq and o.name == "read" and any(
        t and t != table and t not in removed for t, _ in o.reads)]


def _built_doubt(ops: list[Op], insert: Op, table: str | None) -> str:
    reads = _built_from(ops, insert, table)
    source = sorted({t for o in reads for t, _ in o.reads if t and t != table})
    lines = ", ".join(str(o.line) for o in reads)
    return (f"line {insert.line} fills it again (op.bulk_insert) with rows the code builds "
            f"after reading {', '.join(source)} (line{'s' if len(reads) > 1 else ''} {lines}): "
            "a rebuild; whether the new rows hold what the old ones did is no plain reading. ")


def _copied_or_made(ops: list[Op], delete: Op) -> bool:
    """Did this revision create the table, empty it already, or read its rows (a copy) before
    ``delete``?"""
    for other in ops:
        if other.seq >= delete.seq:
            return False
        if other.name in ("create_table", "empty") and other.table == delete.table \
                and not other.column:
            return True
        if other.name in ("read", "insert", "backfill") \
                and any(t == delete.table for t, _ in other.reads):
            return True
    return False


def _derived(ctx: Context, drop: Drop) -> str:
    """"" unless the dropped column maybe derives from kept ones (see dbkit.review.derived);
    else the evidence, for the warning's message."""
    op = drop.op

    def lost(column: str) -> bool:
        return any(d.rev is drop.rev and d.op.name == "drop_column" and d.op.table == op.table
                   and (d.op.column or "").lower() == column and d.lost and d.partner is None
                   and not ctx.doubt(d.rev, d.op) for d in ctx.drops)

    return derived_from(ctx.chain, drop.rev, op,
                        ctx.walk.dropped_types.get(drop_key(drop.rev.shown, op)), lost) or ""


RULE = Rule(
    id="data-dropped",
    severity=ERROR,
    summary="drop_column / drop_table, or a DELETE of every row, with no copy of the data and "
            "no `# dbkit: data-kept-in` marker",
    rationale="A dropped column or table takes its values with it, on every database the "
              "revision reaches, prod included; the downgrade can bring the column back but "
              "not what was in it. When git added the revision that made the table in the "
              "same commit as this one (not the commit that brought the chain's first "
              "revisions) and nothing between them writes it, the message says so: a database "
              "upgraded from the repository in one go holds no rows there, one upgraded "
              "between the two does.",
    fix="Copy the data first, in this revision or an earlier one (`INSERT INTO archive ... "
        "SELECT ...`, an `UPDATE ... SET new = old`, the same written with SQLAlchemy Core, or a "
        "helper function of the file that does it: the reviewer follows them all), and restore "
        "it in `downgrade()`. "
        "If the copy lives elsewhere (an export), say where on the line above the drop: "
        "`# dbkit: data-kept-in <table or file>`; the marker must name a place.",
    example='op.drop_column("recruits", "id_number")',
    fixed='op.create_table("recruit_id_numbers", sa.Column("recruit_id", sa.Integer(), '
          'primary_key=True),\n                sa.Column("id_number", sa.String(13)))\n'
          'op.execute("INSERT INTO recruit_id_numbers SELECT id, id_number FROM recruits")\n'
          'op.drop_column("recruits", "id_number")',
    check=check,
)
