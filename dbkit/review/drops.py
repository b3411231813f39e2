"""What became of the data of each drop_column / drop_table: kept, renamed, or lost.

Two rules read this: rename-as-drop-add (the drop has a likely rename partner)
and data-dropped (it has none, and no copy was kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from dbkit.review import unmade
from dbkit.review.chain import Chain
from dbkit.review.joinkeys import join_keys
from dbkit.review.ops import bare_name, drop_key
from dbkit.review.reader import Op, Revision
from dbkit.review.rowguards import empty_at
from dbkit.review.schema import Walk
from dbkit.review.temptables import temporary

TYPE_FAMILIES = {
    "string": {"String", "VARCHAR", "Text", "TEXT", "Unicode", "UnicodeText", "CHAR", "NCHAR",
               "NVARCHAR", "CITEXT", "varchar", "text", "bpchar", "citext"},
    "integer": {"Integer", "INTEGER", "INT", "BigInteger", "BIGINT", "SmallInteger", "SMALLINT",
                "int2", "int4", "int8", "serial", "bigserial"},
    "number": {"Numeric", "NUMERIC", "Float", "FLOAT", "DECIMAL", "Double", "REAL", "numeric",
               "float4", "float8"},
    "time": {"DateTime", "DATETIME", "TIMESTAMP", "Date", "DATE", "Time", "TIME", "timestamp",
             "timestamptz", "date", "time"},
    "boolean": {"Boolean", "BOOLEAN", "bool"},
    "json": {"JSON", "JSONB", "json", "jsonb"},
}
_FAMILY = {t: name for name, types in TYPE_FAMILIES.items() for t in types}


def compatible(a: str | None, b: str | None) -> bool:
    """Could a column of type a hold b's values as they are? Unknown types are compatible."""
    if a is None or b is None:
        return True
    return _FAMILY.get(a, a) == _FAMILY.get(b, b)


@dataclass(frozen=True)
class Partner:
    """The add_column / create_table a drop most likely renames to, and how sure we are."""

    rev: Revision
    op: Op
    where: str  # "same" revision, "parent" (they existed side by side), or "child"


@dataclass(frozen=True)
class Drop:
    rev: Revision
    op: Op  # the drop_column or drop_table
    marker: str | None  # where a `# dbkit: data-kept-in` comment says the data went
    kept: bool  # the values were copied first (this revision or an earlier one), or made here
    partner: Partner | None  # a likely rename target, on evidence (see _partner)
    unpaired: tuple[Op, ...] = ()  # adds on the same table here that may be related
    remade: int | None = None  # the line that creates the same table or column again here
    uncopied: tuple[str, ...] = ()  # a table's columns no copy before its drop reads

    @property
    def lost(self) -> bool:
        return not self.marker and not self.kept


def drops(chain: Chain, walk: Walk) -> list[Drop]:
    found = []
    dropped = {id(e.op) for e in walk.of("missing-column")  # (a drop that fails: nothing lost)
               if unmade.fails(chain, e.rev, e.op, e.detail["dropped"])} | {
        id(e.op) for e in walk.of("missing-table")  # (of a column of a table not there: ptut-bu)
        if not e.detail["created"] or e.detail["created"] in chain.descendants(e.rev)}
    for rev in chain.order:
        for op in rev.upgrade:
            if op.name in ("drop_column", "drop_table"):
                # it raised on any row, or the table was temporary (temptables.py)
                empty = empty_at(rev.upgrade, op) is not None or temporary(rev.upgrade, op)
                kept = drop_key(rev.shown, op) in walk.copied_earlier | walk.gone or empty \
                    or id(op) in dropped \
                    or _kept(rev, op, walk.dropped_types.get(drop_key(rev.shown, op)))
                uncopied = () if not kept or op.name != "drop_table" or empty \
                    or drop_key(rev.shown, op) in walk.copied_earlier | walk.gone \
                    else _uncopied(rev, op, walk.held_columns.get(drop_key(rev.shown, op), ()))
                kept = kept and not uncopied
                marker = rev.marker_for(op)
                remade = _remade(rev, op)
                partner = None if kept or marker or remade or uncopied \
                    else _partner(chain, walk, rev, op)  # (some columns copied: no rename)
                unpaired = tuple(a for a in rev.upgrade if a.name == "add_column"
                                 and a.table == op.table and a.table is not None
                                 and op.name == "drop_column"
                                 and (partner is None or a is not partner.op))
                found.append(Drop(rev, op, marker, kept, partner, unpaired, remade, uncopied))
    return found


def _remade(rev: Revision, op: Op) -> int | None:
    """The line where this revision creates the dropped table (or column) again, if it does:
    the same name back, empty; no rename."""
    for other in rev.upgrade:
        if other.seq <= op.seq:
            continue
        if op.name == "drop_table" and other.name == "create_table" and other.table == op.table:
            return other.line
        if op.name == "drop_column" and other.name == "add_column" \
                and other.table == op.table and other.column == op.column:
            return other.line
    return None


def _kept(rev: Revision, op: Op, type_: str | None = None) -> bool:
    """Did this revision carry the values away before dropping them, or create them itself?
    A column only tested for holding a value (``WHERE c IS NOT NULL``) is carried only when
    it is a boolean (or of a type not known)."""
    earlier = [o for o in rev.upgrade if o.seq < op.seq]
    writes = any(o.name in ("backfill", "insert") for o in rev.upgrade)
    if op.name == "drop_table":
        return any(o.name == "create_table" and o.table == op.table for o in earlier) or any(
            o.name in ("backfill", "insert", "read") and writes
            and any(_named_at(rev, t, o, op) == op.table for t, _ in o.resolved or o.reads)
            for o in earlier)
    for o in earlier:
        if o.name == "add_column" and o.table == op.table and o.column == op.column:
            return True
        if o.name == "create_table" and o.table == op.table:  # no row existed before
            return True
        if o.name in ("backfill", "insert") and o.reads_column(op.table, op.column) \
                and o.writes - {(op.table, op.column)} \
                and ((op.table, op.column) not in o.tested
                     or (type_ or "boolean").lower() in ("boolean", "bool")):
            return True
        if o.name == "read" and o.reads_column(op.table, op.column) and any(
                w.name in ("backfill", "insert") and w.writes - {(op.table, op.column)}
                for w in rev.upgrade) and not o.partly(op.column):
            return True
    return False


def _named_at(rev: Revision, table: str | None, read: Op, drop: Op) -> str | None:
    """What the table ``read`` reads is called when ``drop`` runs: renamed between them
    (cuckoo 18eee46c6f81 reads every column of samples into a list, renames samples to
    old_samples, drops it, and bulk-inserts the list into a new samples)."""
    for other in rev.upgrade:
        if read.seq < other.seq < drop.seq and other.name == "rename_table" \
                and other.table == table:
            table = other.new_name
    return table


def _uncopied(rev: Revision, op: Op, held: tuple[str, ...]) -> tuple[str, ...]:
    """The columns of a dropped table that no copy of this revision reads before the drop
    (onyx ``abbfec3a5ac5``: ``prompt`` dropped after three of its columns were moved into
    ``persona``, the others with it); () when it made the table, read its whole rows, or the
    reviewer does not know its columns. ``<t>_id`` of a table ``t`` dropped here too is no
    loss (``persona__prompt.prompt_id``)."""
    read: set[str] = set()
    for o in rev.upgrade:
        if o.seq >= op.seq:
            break
        if o.name == "create_table" and o.table == op.table:
            return ()
        if o.name in ("backfill", "insert", "read"):
            mine = {c for t, c in o.reads if _named_at(rev, t, o, op) == op.table}
            read |= mine | (join_keys(o.statement, op.table) if mine else frozenset())
    if "*" in read or not read:
        return ()
    # a link to rows this revision drops too points at nothing once it is done
    gone = {f"{name}_id" for o in rev.upgrade if o.name == "drop_table" and o.table
            for name in (o.table.lower(), o.table.lower().removesuffix("s"))}
    return tuple(c for c in held if c not in read and c.lower() not in gone)


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[_\W]+", name.lower()) if t]


def _longest_common(a: str, b: str) -> int:
    match = SequenceMatcher(None, a, b).find_longest_match(0, len(a), 0, len(b))
    return match.size


# One word swapped for another, the others the same: weak evidence, taken only in one
# revision (dba-backend pairs obj_entity_name, a temple's name, with obj_requester_name, a
# person's, added by the next revision).
SWAPPED = 0.55


def similarity(old: str, new: str, short: bool = True) -> float:
    """How much two names look like one renamed into the other, 0..1 (1: surely). Three
    letters in common count for short names only when ``short`` (within one revision:
    LocalCragApp's ``wall`` and ``highball``, added by the revision before, share "all")."""
    a, b = old.lower(), new.lower()
    if a.replace("_", "") == b.replace("_", ""):
        return 1.0
    ta, tb = _tokens(a), _tokens(b)
    shared = set(ta) & set(tb)
    rest_a = "".join(t for t in ta if t not in shared)
    rest_b = "".join(t for t in tb if t not in shared)
    if not rest_a or not rest_b:  # email -> personal_email_address
        return 0.9 if shared else 0.0
    common = _longest_common(rest_a, rest_b)  # chatname -> rocketchat_user: "chat"
    if common >= 4 or (short and common >= 3 and common * 2 >= min(len(rest_a), len(rest_b))):
        return 0.5 + 0.4 * common / max(len(rest_a), len(rest_b))
    differ = [i for i, (x, y) in enumerate(zip(ta, tb, strict=False)) if x != y]
    if len(ta) == len(tb) and len(differ) == 1 and len(shared) >= 2:
        return SWAPPED  # github_oidc_providers -> github_oidc_publishers: one word swapped
    return 0.0


def _partner(chain: Chain, walk: Walk, rev: Revision, op: Op) -> Partner | None:
    """The add that renames this drop, on evidence, or None when unsure.

    Evidence: the same table, a compatible type, a name that looks renamed (token and
    substring similarity), the added column not existing alongside the dropped one in
    the same revision, and no other candidate as good. Neighbour revisions count only
    with a similar name.
    """
    if op.table is None:
        return None
    candidates: list[tuple[float, Partner]] = []
    parents = {p for p in rev.down_revision or ()}
    for other in chain.neighbours(rev):
        where = "same" if other is rev else "parent" if other.revision in parents else "child"
        for add in other.upgrade:
            if op.name == "drop_column" and add.name == "add_column" and add.added \
                    and add.table == op.table and add.added.name != op.column \
                    and compatible(dropped_type(walk, rev, op), add.added.type_) \
                    and not (other is not rev and _adds(other, op.table, op.column)):
                score = similarity(op.column or "", add.added.name, short=other is rev)
                if score > SWAPPED or score == SWAPPED and other is rev:
                    candidates.append((score, Partner(other, add, where)))
            if op.name == "drop_table" and add.name == "create_table" and add.table \
                    and other is rev and add.table != op.table \
                    and not _dropped_here(rev, add.table) \
                    and add.table.lower() not in add.temporary \
                    and _similar_table(chain, walk.held_columns.get(drop_key(rev.shown, op)), rev,
                                       op.table, add):
                # a similar name, or (same revision) the same columns and no other drop
                # of this revision with them too
                score = similarity(op.table, add.table) or (
                    0.5 if _same_shape(chain, op.table, add) and not any(
                        o is not op and o.name == "drop_table" and o.table
                        and _same_shape(chain, o.table, add) for o in rev.upgrade) else 0.0)
                if score > 0:
                    candidates.append((score, Partner(other, add, where)))
    if not candidates:
        return None
    rank = {"same": 0, "parent": 1, "child": 2}
    candidates.sort(key=lambda c: (-c[0], rank[c[1].where]))
    if len(candidates) > 1 and candidates[0][0] == candidates[1][0] \
            and candidates[0][1].where == candidates[1][1].where:
        return None  # two equally good: unsure
    best = candidates[0][1]
    if best.op.added and (_claimed_by_a_better_drop(rev, op, best, chain)
                          or _split(candidates, best)
                          or _reshaped(rev, best.rev, op.table)
                          or _points_elsewhere(chain, rev, op, best)):
        return None
    return best


def _adds(rev: Revision, table: str, column: str | None) -> bool:
    """Does ``rev`` add ``table.column`` too? Then a column it adds beside it is a sibling, no
    new name for it (Real_estate_app 375b66a04481 drops ``images.updated_at``, added with
    ``created_at`` by the revision before: held-out33, read by hand)."""
    return any(o.name == "add_column" and o.table == table and o.added is not None
               and o.added.name == column for o in rev.upgrade)


def _points_elsewhere(chain: Chain, rev: Revision, op: Op, partner: Partner) -> bool:
    """Do the dropped column and the added one hold keys of different tables (psp 311f430247b0:
    ``car_id`` to ``car``, ``car_gen_id`` to ``car_gen``)? A remodel, no rename: renaming the
    old column would keep ids of the wrong table. Known only when both foreign keys are."""
    new = partner.op.added.name if partner.op.added else ""
    before = chain.order[:chain.order.index(rev) + 1] if rev in chain.order else [rev]
    was = _referent([o for r in before for o in r.upgrade], op.table, op.column or "")
    now = _referent([*partner.rev.upgrade], op.table, new)
    return was is not None and now is not None and was != now


def _referent(ops: list[Op], table: str | None, column: str) -> str | None:
    """The table the last single-column foreign key on ``table.column`` among ``ops`` points
    at (its bare name), or None when none is known."""
    found = None
    for o in ops:
        if o.table == table and o.name in ("create_table", "add_column", "create_foreign_key"):
            for columns, parent in o.references:
                if tuple(c.lower() for c in columns) == (column.lower(),) and parent != "?":
                    found = bare_name(parent)
    return found


def dropped_type(walk: Walk, rev: Revision, op: Op) -> str | None:
    """The type of the column ``op`` drops: the walk's, or, when no revision the reviewer
    reads made the column (a table made outside the chain), the type ``downgrade()`` adds it
    back with (LanguageLab 344d94d32fa1 drops studies.chat_duration and its downgrade adds it
    back as an Integer: consent_participation, a String added beside it, is no rename of
    it). None when neither says."""
    known = walk.dropped_types.get(drop_key(rev.shown, op))
    if known is not None or op.name != "drop_column":
        return known
    back = [o.added.type_ for o in rev.downgrade if o.name == "add_column" and o.added
            and o.table == op.table and o.added.name.lower() == (op.column or "").lower()
            and o.added.type_]
    return back[0] if len(set(back)) == 1 else None


def _split(candidates: list[tuple[float, Partner]], best: Partner) -> bool:
    """Does the add's revision add two or more columns that could each take the dropped
    one's values, their names near equally like it, none surely (name into firstname and
    lastname: open-event-server 715b1189ecbd)? A split is no rename: the drop is judged as
    a drop. One name far likelier is a rename beside another add (fides deb97d9393f3:
    acknowledgement_button_label into acknowledge_button_label, not accept_button_label)."""
    takers = sorted((score for score, p in candidates if p.rev is best.rev and p.op.added),
                    reverse=True)
    return len(takers) > 1 and takers[0] < 1.0 and takers[1] >= takers[0] - 0.1


def _reshaped(rev: Revision, adding: Revision, table: str | None) -> bool:
    """Does this revision drop more columns of ``table`` than it adds? A rename is one
    column out and one in; several out and fewer in is a reshape (values moved to other
    rows or tables, or given up), which the drops' own rule judges."""
    out = sum(o.name == "drop_column" and o.table == table for o in rev.upgrade)
    into = sum(o.name == "add_column" and o.table == table for o in adding.upgrade)
    return out > 1 and out > into


def _dropped_here(rev: Revision, table: str) -> bool:
    """Is ``table`` dropped in this revision (so a create of it is a re-creation)?"""
    return any(o.name == "drop_table" and o.table == table for o in rev.upgrade)


def _claimed_by_a_better_drop(rev: Revision, op: Op, partner: Partner, chain: Chain) -> bool:
    """Another drop of the same table in this revision looks even more like the add, or
    just as much (banner_title and component_title, one title added: unsure which, if either,
    it renames; each drop is judged as a drop)."""
    new = partner.op.added.name if partner.op.added else ""
    mine = similarity(op.column or "", new)
    return any(o is not op and o.name == "drop_column" and o.table == op.table
               and similarity(o.column or "", new) >= mine for o in rev.upgrade)


def _same_shape(chain: Chain, dropped: str, created: Op) -> bool:
    """Did the dropped table have the created one's columns (known, and most of them)?"""
    for rev in chain.order:
        for op in rev.upgrade:
            if op.name == "create_table" and op.table == dropped and op.columns:
                shared = op.columns.keys() & created.columns.keys()
                return len(shared) >= 2 and len(shared) * 4 >= 3 * len(op.columns)
    return False


def _similar_table(chain: Chain, held: tuple[str, ...] | None, rev: Revision, dropped: str,
                   created: Op) -> bool:
    """Does the new table hold the dropped one's data, on evidence? Its columns known
    (``held``: the dropped table's own at the drop), the same foreign keys (see
    :func:`_same_keys`), and half the dropped one's columns, most when it has no foreign
    key."""
    if not held or not created.columns:
        return False
    mine = _references_of(chain, rev, dropped)
    if not _same_keys(rev, mine, list(created.references)):
        return False
    new = {c.lower() for c in created.columns}
    shared = sum(c.lower() in new for c in held)
    return shared * 2 >= len(held) if mine else shared * 2 > len(held)


def _same_keys(rev: Revision, old: list[tuple[tuple[str, ...], str]],
               new: list[tuple[tuple[str, ...], str]]) -> bool:
    """Does each foreign key of the dropped table have its like in the new one: the same
    columns to the same table, or to a table this revision makes in place of the one it
    drops (a parent renamed with it: warehouse 0cb51a600b59, oidc_providers into
    oidc_publishers)? A table keyed to another parent is another table: truenth
    e3923b19b6f5's recurs of a bank, not of a bank's questionnaire; quetz 8dfb7c4bfbd7's
    metrics of no package version any more."""
    made = {o.table for o in rev.upgrade if o.name == "create_table"}
    gone = {o.table for o in rev.upgrade if o.name == "drop_table"}
    left = list(new)
    for columns, parent in old:
        like = next((n for n in left if n[1] == parent and _lower(n[0]) == _lower(columns)), None) \
            or next((n for n in left if parent in gone and n[1] in made
                     and len(n[0]) == len(columns)), None)
        if like is None:
            return False
        left.remove(like)
    return not left


def _lower(columns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.lower() for c in columns)


def _references_of(chain: Chain, rev: Revision, table: str) -> list[tuple[tuple[str, ...], str]]:
    """The foreign keys of ``table`` up to ``rev``: those of its create_table, and those
    create_foreign_key made on it since."""
    references: list[tuple[tuple[str, ...], str]] = []
    for earlier in chain.order:
        for op in earlier.upgrade:
            if op.name == "create_table" and op.table == table:
                references = list(op.references)
            elif op.name == "create_foreign_key" and op.table == table and op.keys:
                references += op.references
        if earlier is rev:
            break
    return references
