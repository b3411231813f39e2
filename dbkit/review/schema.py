"""The schema the chain builds, revision after revision, as PostgreSQL would hold it.

:func:`walk` applies each upgrade op in chain order to a :class:`Schema` and records what
it saw on the way as :class:`Event` objects (a change made twice, a change to a table that
does not exist yet, a NOT NULL set on a column, ...). It judges nothing: the rules in
:mod:`dbkit.review.rules` read the events and decide what to report. Columns come from
create_table and add_column; indexes and constraints go with their table and columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from dbkit.review import cascade, joinkeys, madehere, nullproof, nullsource, renames, unmade, unqualified
from dbkit.review.catalogdrops import expand as expand_catalog_drops
from dbkit.review.exits import exit_tests
from dbkit.review.keys import surrogates
from dbkit.review.lineage import ancestors_of, on_path
from dbkit.review.ops import UNKNOWN, ColumnInfo, DropKey, Op, Ref, drop_key, matches
from dbkit.review.reader import Revision
from dbkit.review.tabletests import judge
from dbkit.review.unmade import BEFORE_THE_CHAIN, TABLE_CHANGES, dropped_already, never_made
from dbkit.review.unwritable import still_empty, unwritable
from dbkit.review.wipes import step as wipe_step

BOOLEANS = ("boolean", "bool")
DERIVED_TYPES = ("tsvectortype", "tsvector")  # filled from the other columns (a trigger)


@dataclass
class Schema:
    """What the chain has built so far."""

    tables: dict[str, dict[str, ColumnInfo]] = field(default_factory=dict)
    created_in: dict[str, str] = field(default_factory=dict)  # table -> revision that made it
    dropped: set[str] = field(default_factory=set)  # tables the chain dropped (and not remade)
    dropped_under_if: dict[str, str] = field(default_factory=dict)  # table -> revision
    backfilled: set[tuple[str, str]] = field(default_factory=set)  # (table, column) filled
    # (table, column) -> the revision that last filled it, made it NOT NULL (lineage.py)
    filled_in: dict[tuple[str, str], str] = field(default_factory=dict)
    not_null_in: dict[tuple[str, str], str] = field(default_factory=dict)
    lineage: dict[str, frozenset[str]] = field(default_factory=dict)  # revision -> ancestors
    # (table, column) -> (revision, line, what it does) of an UPDATE that fills only some
    # rows, or a DELETE whose WHERE tests the column (the NULLs of some rows gone)
    partly_filled: dict[tuple[str, str], tuple[str, int, str]] = field(default_factory=dict)
    # (table, column) -> the WHERE of each such statement ("" for one not known)
    picks: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    # (schema or table, name) of each index / constraint -> (its table, its columns)
    names: dict[tuple[str, str], tuple[str | None, tuple[str, ...]]] = field(default_factory=dict)
    made_in: dict[tuple, str] = field(default_factory=dict)  # change -> revision that made it
    copied: dict[Ref, str] = field(default_factory=dict)  # values read by a data op -> revision
    copied_out: set[Ref] = field(default_factory=set)  # of those, the ones written into
    copied_into: dict[Ref, set[Ref]] = field(default_factory=dict)  # copied -> where to
    # dropped, not added back -> the revision that dropped it ("" when under an `if`)
    gone_columns: dict[tuple[str, str], str] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)  # tables made with every column known
    # columns added to a table after its whole rows were copied: no copy holds their values
    added_since_copy: set[tuple[str, str]] = field(default_factory=set)
    emptied_in: dict[str, str] = field(default_factory=dict)  # table -> revision emptying it, no row put back
    # (table, column) -> revision whose DELETE ... WHERE column IS NOT NULL left it no value
    cleared_in: dict[tuple[str, str], str] = field(default_factory=dict)
    functions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # trigger function
    # -> the fields of NEW it uses
    insert_triggers: dict[str, dict[str, str]] = field(default_factory=dict)  # table ->
    # {trigger: function} of its BEFORE INSERT row triggers
    unwritable: dict[str, set[str]] = field(default_factory=dict)  # revision -> the tables
    # no INSERT can reach after it (see unwritable.py)
    outside: bool = False  # the chain changes tables it never makes: made outside it
    # (table, column) copied by CREATE TABLE AS from a column NOT NULL then: no NULL in it
    not_null_copies: set[tuple[str, str]] = field(default_factory=set)
    unfollowed: list[Op] = field(default_factory=list)  # code not followed so far
    dropped_at: dict[str, int] = field(default_factory=dict)  # table -> len(unfollowed) then
    verdicts: dict[tuple, str] = field(default_factory=dict)  # an `if` -> tabletests.judge's
    unmade: list[tuple[Revision, Op]] = field(default_factory=list)  # drops never made: rewritten.py
    links: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)  # table -> foreign keys
    proofs: nullproof.Proofs = field(default_factory=nullproof.Proofs)  # drops of no value


@dataclass(frozen=True)
class Event:
    """Something the walk saw at one op. ``kind`` says what; ``detail`` holds the facts.

    Kinds:
    - ``twice``: the op repeats a change an earlier revision made (``what``, ``earlier``);
    - ``missing-table``: the op changes a table that does not exist at that point of the
      chain (``created``: the revision that creates it later, or None if it was dropped);
    - ``missing-column``: a drop of a column a revision (``dropped``) dropped before, or
      that none made (``dropped`` is ``unmade.NEVER_MADE``);
    - ``add-not-null``: add_column of a NOT NULL column without a server default to a
      table this revision did not create;
    - ``set-not-null``: NOT NULL set on a column (``needs_fill``: the column may hold
      NULLs, ``filled_before``: a backfill of it ran earlier in the chain,
      ``filled_after``: the line of a backfill later in the same upgrade, or None,
      ``filled_partly``: (revision, line, what it does) of an UPDATE before it whose WHERE on
      other columns fills only some rows, or of a DELETE whose WHERE tests the column, or
      None; ``picks_one``: the WHERE, when every such UPDATE has that same one (it picks
      the same rows each time: the others stay NULL), else None).
    """

    kind: str
    rev: Revision
    op: Op
    detail: dict = field(default_factory=dict)


@dataclass
class Walk:
    schema: Schema
    events: list[Event]
    dropped_types: dict[DropKey, str | None]  # a drop (ops.drop_key) -> column type
    copied_earlier: set[DropKey]  # drops whose values a revision
    # before it had already read into another column or table
    gone: set[DropKey] = field(default_factory=set)  # drops of a
    # table dropped already, emptied earlier in the revision (DELETE without WHERE, TRUNCATE,
    # ON DELETE CASCADE), or of a generated column: nothing is left to lose
    # a drop_table (ops.drop_key) -> its columns of values of their own (not id, not computed)
    held_columns: dict[DropKey, tuple[str, ...]] = field(default_factory=dict)
    # (file, line) of DELETEs whose WHERE pins every column its table has to constants
    pinned: set[tuple[str, int]] = field(default_factory=set)  # (nothing lost), or tests
    unlinked: set[tuple[str, int]] = field(default_factory=set)  # IS NULL a whole foreign key

    def of(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.kind == kind]


def walk(order: Iterable[Revision]) -> Walk:
    order = list(order)
    created_later: dict[str, str] = {}
    for rev in order:
        for op in rev.upgrade:
            if op.name == "create_table" and op.table:
                created_later.setdefault(op.table, rev.name)
    # A chain that changes tables it never creates starts from a schema made outside it
    # (create_all, an older tool): a table it creates later may exist before that too.
    outside = any(op.table and op.table not in created_later
                  and op.name in TABLE_CHANGES + ("drop_table", "rename_table")
                  and not op.conditional for rev in order for op in rev.upgrade)
    result = Walk(Schema(outside=unmade.made_outside(order, created_later)), [], {}, set())
    names = {r.revision: r.name for r in order if r.revision}
    result.schema.lineage = ancestors_of(order, names)
    for rev in order:
        still_empty(result.schema, rev, names)
        expand_catalog_drops(result.schema.tables, rev)  # (a loop over pg_tables' rows)
        written = {ref for op in rev.upgrade if op.name in ("backfill", "insert")
                   for ref in op.writes}
        whole = {t for op in rev.upgrade for t, c in op.reads if c == "*"}  # rows read whole
        # columns read and written back in place (a helper run once per table); not a name
        # the same statement also reads of another table (``SET c = (SELECT c FROM u ...)``:
        # the reader cannot tell whose ``c`` it is, and a copy is the plain reading)
        in_place = written & {ref for op in rev.upgrade for ref in op.reads
                              if not any(c == ref[1] and t != ref[0] for t, c in op.reads)}
        for op in rev.upgrade:
            result.gone |= nullproof.gone(result.schema.proofs, result.schema.tables, rev, op)
            judge(result.schema, rev.name, op, rev.upgrade)  # the `if`s over it (tabletests.py)
            _step(result, rev, op, {} if outside else created_later)
            if op.name in ("opaque", "execute"):  # code not followed
                result.schema.unfollowed.append(op)
            # values carried elsewhere count for the later drops (until the table they were
            # read from is dropped: a table created again holds new values); a column updated
            # in place (SET c = lower(c)) is carried nowhere
            if op.name in ("backfill", "insert") or (op.name == "read" and written):
                targets = op.writes if op.name != "read" else written
                for ref in madehere.outliving(result.schema.created_in, rev.name, op):
                    if _carried(ref, targets, whole, in_place) and not op.partly(ref[1]) and (
                            ref not in op.tested or _boolean(result.schema, ref)):
                        result.schema.copied.setdefault(ref, rev.name)
                        result.schema.copied_into.setdefault(ref, set()).update(
                            t for t in targets if t != ref)
                        if ref[1] == "*":  # a copy of the whole rows now holds them all
                            result.schema.added_since_copy -= {
                                k for k in result.schema.added_since_copy if k[0] == ref[0]}
                        if any(t != ref[0] and (t, c) not in in_place for t, c in targets):
                            result.schema.copied_out.add(ref)
        result.schema.unwritable[rev.name] = unwritable(result.schema, rev, names)
    return result


def _carried(ref: Ref, targets: set[Ref], whole: set[str | None], in_place: set[Ref]) -> bool:
    """Are the values of ``ref`` written somewhere else? A whole row read (every column of a
    table, a reflected table's select) for an UPDATE of some of its own columns in place
    carries none of its other columns: only a write into another table may carry them, and
    not one into a table the revision also reads whole (a helper updating each of several
    tables in place, called once per table). Likewise a column of another table that the
    revision reads and writes back in place (``SELECT id, regions FROM t2`` then ``UPDATE t2
    SET regions = ...``: the same helper run on each table) carries nothing of this one."""
    if ref[1] == "*":
        return any(table != ref[0] and table not in whole for table, _ in targets)
    return bool(targets - {ref} - {r for r in in_place if r[0] != ref[0]})


def _boolean(s: Schema, ref: Ref) -> bool:
    """Is the column a boolean, or of a type not known? Testing it keeps all it held."""
    column = s.tables.get(ref[0] or "", {}).get(ref[1])
    return column is None or column.type_ is None or column.type_.lower() in BOOLEANS


def _twice(result: Walk, rev: Revision, op: Op, key: tuple, what: str) -> None:
    """A change an earlier revision already made (within one revision, if/else may repeat;
    under an ``if`` the revision checks first)."""
    earlier = result.schema.made_in.get(key)
    if earlier and earlier != rev.name and not op.conditional:
        result.events.append(Event("twice", rev, op, {"what": what, "earlier": earlier}))


def _copied(s: Schema, rev: Revision, table: str | None, column: str) -> bool:
    return any(matches(ref, table, column) and _held(s, rev, ref, 0) for ref in s.copied
               if ref[1] != "*" or (table or "", column) not in s.added_since_copy)


def _held(s: Schema, rev: Revision, ref: Ref, depth: int) -> bool:
    """Does a copy of ``ref`` still hold its values after ``rev``? Not when every place it
    was copied into is dropped by then, this revision included (onyx ``a852cbe15577``:
    ``is_agentic`` read into ``research_type`` and a table, all dropped with it), unless
    that place was copied on in turn."""
    targets = s.copied_into.get(ref)
    if not targets or depth > 3:
        return True
    return any(not _dropped_by(s, rev, t) or (t in s.copied and _held(s, rev, t, depth + 1))
               for t in targets)


def _dropped_by(s: Schema, rev: Revision, ref: Ref) -> bool:
    """Is the column (or table, for ``*``) dropped before ``rev`` or in it?"""
    table, column = ref
    if not table:
        return False
    if table in s.dropped or any(o.name == "drop_table" and o.table == table
                                 for o in rev.upgrade):
        return True
    return column != "*" and ((table, column) in s.gone_columns or any(
        o.name == "drop_column" and o.table == table and o.column == column
        for o in rev.upgrade))


def pg_name(name: object) -> str:
    """A name as PostgreSQL keeps it: cut to 63 bytes (NAMEDATALEN - 1), as its parser
    cuts ``CREATE INDEX <a longer name>`` and Alembic's ops reach the same object."""
    return str(name).encode()[:63].decode(errors="ignore")


def name_key(op: Op) -> tuple[str, str]:
    """Where a constraint or index name must be unique: an index in its schema, a constraint on its table."""
    if op.name in ("create_index", "drop_index"):
        return (op.table or "").rpartition(".")[0], pg_name(op.constraint)
    return op.table or "", pg_name(op.constraint)


Step = Callable[[Walk, Revision, Op, "dict[str, ColumnInfo] | None"], None]


def _step(result: Walk, rev: Revision, op: Op, created_later: dict[str, str]) -> None:
    s = result.schema
    unqualified.resolve(s.tables, op)  # SELECT tag FROM object_tag JOIN tag: which has tag
    table = s.tables.get(op.table) if op.table else None
    changes = op.table and table is None and not op.conditional and not op.if_exists \
        and op.name in TABLE_CHANGES + ("drop_table", "rename_table") \
        and s.dropped_under_if.get(op.table) != rev.name \
        and not exit_tests(op, op.table)  # (`if not has_table("t"): return`)
    if changes and (op.table in s.dropped and not unmade.remade_unseen(s, op) or created_later.get(
            op.table or "") not in (None, rev.name) and op.table not in s.created_in):  # (made later)
        result.events.append(Event("missing-table", rev, op, {  # (not if/else in one revision)
            "created": None if op.table in s.dropped else created_later[op.table or ""]}))
    handler = STEPS.get(op.name)
    if handler is not None and (op.table or op.name in ("drop_index", "drop_constraint",
                                                        "rename_index", "function")):
        handler(result, rev, op, table)


def _create_table(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    s, name = result.schema, op.table or ""
    if name in s.tables and op.if_not_exists:  # (PostgreSQL skips it: the table it has stays)
        return
    if name in s.tables:
        _twice(result, rev, op, ("table", name), f"table {name} is already created")
    s.made_in[("table", name)] = rev.name
    for made in op.columns:
        s.made_in[("column", name, made)] = rev.name
    s.not_null_copies = {k for k in s.not_null_copies if k[0] != name} | {
        (name, column) for column, source, of in op.copies
        if not s.tables.get(source, {}).get(of, ColumnInfo(of)).nullable}
    # copies: the walk changes them (a later NOT NULL), the op keeps what it declared
    s.tables[name] = {c: replace(info) for c, info in op.columns.items()}
    s.links[name] = set(op.links)
    s.created_in[name] = rev.name
    (s.whole.add if op.whole else s.whole.discard)(name)
    s.dropped.discard(name)
    s.gone_columns = {k: v for k, v in s.gone_columns.items() if k[0] != name}


def _every_column_copied(s: Schema, name: str, table: dict | None) -> bool:
    """Has every column the table holds been read into another table, by this revision or
    an earlier one (a row moved column by column, ``INSERT INTO new (a, b) SELECT a, b``)? A
    tsvector is left aside (a search index of the other columns), and so is ``id``: a row is
    its values. False when the reviewer does not know the table's columns."""
    held = held_columns(table)
    return bool(held) and all((name, c) in s.copied_out for c in held)


def held_columns(table: dict | None) -> list[str]:
    """The columns of a table holding values of their own: not ``id``, not computed."""
    return [c for c, info in (table or {}).items() if c != "id"
            and not info.generated and (info.type_ or "").lower() not in DERIVED_TYPES]


def _drop_table(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    s, name = result.schema, op.table or ""
    result.dropped_types[drop_key(rev.shown, op)] = None
    result.held_columns[drop_key(rev.shown, op)] = tuple(held_columns(table))
    if _copied(s, rev, name, "*") or _every_column_copied(s, name, table):
        result.copied_earlier.add(drop_key(rev.shown, op))
    if (name in s.dropped and table is None) or s.emptied_in.get(name) == rev.name \
            or never_made(s, op, table, rev):  # gone, emptied here or never made: no loss
        result.gone.add(drop_key(rev.shown, op))
    _forget(s, name)
    s.dropped_under_if[name] = rev.name if op.conditional else ""


def _drop_view(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    """DROP [MATERIALIZED] VIEW: its rows are a query's; the name is free (no "applied twice")."""
    _forget(result.schema, op.table or "")


def _forget(s: Schema, name: str) -> None:
    s.tables.pop(name, None)
    s.created_in.pop(name, None)
    s.dropped.add(name)
    s.dropped_at[name] = len(s.unfollowed)  # (code not followed since may make it again: pt-edge 062)
    for ref in [r for r in s.copied if r[0] == name]:  # a table made again is new data
        del s.copied[ref]
        s.copied_into.pop(ref, None)
        s.copied_out.discard(ref)
    for key, (owner, _) in list(s.names.items()):
        if owner == name:
            del s.names[key]
    for key in [k for k in s.made_in if len(k) > 1 and k[1] == name]:
        del s.made_in[key]


def _rename_table(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    s, name = result.schema, op.table or ""
    if not op.new_name:
        return
    if name in s.tables:
        s.tables[op.new_name] = s.tables.pop(name)
        s.created_in[op.new_name] = s.created_in.pop(name, BEFORE_THE_CHAIN)
    for key, (owner, keys) in list(s.names.items()):
        if owner == name:
            s.names[key] = (op.new_name, keys)
    renames.follow_table(s, name, op.new_name, _follow_rename)


def _add_column(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    s, name, column = result.schema, op.table or "", op.added
    if column is None:
        return
    key = ("column", name, column.name)
    if table is not None and column.name in table and not op.if_not_exists:
        _twice(result, rev, op, key, f"column {name}.{column.name} is already added")
    s.made_in[key] = rev.name
    s.gone_columns.pop((name, column.name), None)
    if (name, "*") in s.copied:  # INSERT INTO t_history SELECT * FROM t, years before it
        s.added_since_copy.add((name, column.name))
    if not column.nullable and not column.server_default \
            and rev.name not in (s.created_in.get(name), s.emptied_in.get(name)):
        result.events.append(Event("add-not-null", rev, op))
    if table is None:
        s.tables.setdefault(name, {})[column.name] = replace(column)
        s.created_in.setdefault(name, BEFORE_THE_CHAIN)
    elif not (op.if_not_exists and column.name in table):  # (IF NOT EXISTS of one it has:
        table[column.name] = replace(column)  # a no-op, the column stays as it is)


def _drop_column(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    s, name = result.schema, op.table or ""
    if not op.column:
        return
    emptied = rev.name in (s.emptied_in.get(name), s.cleared_in.get((name, op.column)))
    never = not emptied and never_made(s, op, table, rev)
    known = (table or {}).pop(op.column, None)
    if known is None and (gone := dropped_already(s, op, table)):  # (drops.py decides)
        result.events.append(Event("missing-column", rev, op, {"dropped": gone}))
    result.dropped_types[drop_key(rev.shown, op)] = known.type_ if known else None
    if (known and known.generated) or never or emptied:
        result.gone.add(drop_key(rev.shown, op))  # computed, or no value left: nothing to lose
    if _copied(s, rev, name, op.column):
        result.copied_earlier.add(drop_key(rev.shown, op))
    s.gone_columns[(name, op.column)] = "" if op.conditional else rev.name
    s.made_in.pop(("column", name, op.column), None)
    for key, (owner, keys) in list(s.names.items()):  # they go with their column
        if owner == name and op.column in keys:
            del s.names[key]


def _empty(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    s, name = result.schema, op.table or ""
    if op.conditional:  # under an `if` the reviewer cannot decide: maybe not emptied
        return
    if op.column:  # only the rows holding a value in this column are gone
        s.cleared_in[(name, op.column)] = rev.name
    else:  # and the tables whose rows it deletes ON DELETE CASCADE
        s.emptied_in |= dict.fromkeys(cascade.emptied(s.tables, name), rev.name)


def _insert(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    """Rows again: into a table emptied before, the INSERT's columns fill every row."""
    s, name = result.schema, op.table or ""
    for key in [k for k in s.cleared_in if k[0] == name]:
        del s.cleared_in[key]
    if s.emptied_in.pop(name, None) is not None:
        s.backfilled |= {(t, c) for t, c in op.writes if t and t == op.table and c != "*"}


def _function(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    if op.new_name:
        result.schema.functions[op.new_name] = op.keys


def _insert_trigger(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    if op.new_name and op.table:
        result.schema.insert_triggers.setdefault(op.table, {})[str(op.constraint)] = op.new_name


def _drop_trigger(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    result.schema.insert_triggers.get(op.table or "", {}).pop(str(op.constraint), None)


def _backfill(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    s = result.schema
    every = unmade.reaches_every_row(s, rev, op)
    for t, c in op.writes:
        if not t or c in op.unreached:  # WHERE c = 'x': no NULL of c is filled
            continue
        why = _updates_some(op) if op.some_rows and not every else nullsource.copied_nulls(s.tables, op, c)
        if why:  # (or a copy of a column that may hold NULL: nullsource.py)
            s.partly_filled.setdefault((t, c), (rev.revision or rev.name, op.line, why))
            s.picks.setdefault((t, c), set()).add("" if op.conditional or not op.some_rows else op.picks)
        else:
            s.backfilled.add((t, c))
            s.filled_in[(t, c)] = rev.name


def _updates_some(op: Op) -> str:
    return f"updates the rows its WHERE on {op.some_rows} picks"


def _delete_some(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    """A DELETE of the rows its WHERE picks: the NULLs of a column it tests may be gone
    from those rows, not from the others."""
    if table and op.pinned and set(table) - surrogates(op.table, table) <= op.pinned:
        result.pinned.add((rev.shown, op.line))
    if any(set(k) <= op.null_tests for k in result.schema.links.get(op.table or "", ())):
        result.unlinked.add((rev.shown, op.line))
    kept = (table or {}).get(op.one_value)
    if kept is not None and not kept.nullable and not op.conditional \
            and (kept.type_ or "").lower() in BOOLEANS:  # the rows left hold one value
        result.schema.cleared_in[(op.table or "", op.one_value)] = rev.name
    for column in (c for c in op.keys if c not in op.pinned):  # c = 'x' keeps c's NULLs
        result.schema.partly_filled.setdefault((op.table or "", column), (rev.revision or rev.name, op.line,
                                               f"deletes the rows its WHERE on {op.some_rows} picks"))
        result.schema.picks.setdefault((op.table or "", column), set()).add("")
    result.schema.emptied_in |= dict.fromkeys(cascade.joined(result.schema.tables, op), rev.name)


def _alter_column(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    if not op.column:
        return
    if op.name == "set_not_null" or op.nullable is False:
        _set_not_null(result, rev, op, table)
    elif op.nullable is True and table and op.column in table:
        table[op.column].nullable = True
    if op.new_name and table is not None:
        _rename_column(result, rev, op, table)


def _rename_column(result: Walk, rev: Revision, op: Op, table: dict) -> None:
    s, name, old, new = result.schema, op.table or "", op.column or "", op.new_name or ""
    key = ("column", name, new)
    if old not in table and new in table:
        _twice(result, rev, op, key, f"{name}.{old} is already renamed to {new}")
    s.made_in[key] = rev.name
    if old in table:
        table[new] = replace(table.pop(old), name=new)  # a copy: the add keeps its own name
    _follow_rename(s, (name, old), (name, new))
    for index, (owner, keys) in list(s.names.items()):
        if owner == name and old in keys:
            s.names[index] = (owner, tuple(new if k == old else k for k in keys))


def _follow_rename(s: Schema, old: tuple[str, str], new: tuple[str, str]) -> None:
    """What the walk knows of a column's values (copied elsewhere, filled) goes with it
    when it is renamed: ``UPDATE t SET new_status = status``, then status renamed to
    old_status and dropped, new_status renamed to status and made NOT NULL."""
    if old in s.copied:
        s.copied[new] = s.copied.pop(old)
    if old in s.copied_into:
        s.copied_into[new] = s.copied_into.pop(old)
    if old in s.copied_out:
        s.copied_out.discard(old)
        s.copied_out.add(new)
    if old in s.added_since_copy:
        s.added_since_copy.discard(old)
        s.added_since_copy.add(new)
    if old in s.backfilled:
        s.backfilled.discard(old)
        s.backfilled.add(new)
    if old in s.partly_filled:
        s.partly_filled[new] = s.partly_filled.pop(old)


def _create_named(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    s = result.schema
    cascade.note(s.tables, op)
    if not isinstance(op.constraint, str):
        return
    key = name_key(op)
    if key in s.names and not op.if_not_exists:
        _twice(result, rev, op, ("name", key), joinkeys.taken(op.constraint, op.table, s.names[key][0]))
    s.names[key] = (op.table, op.keys)
    if op.name == "create_foreign_key" and op.table and op.keys:
        s.links.setdefault(op.table, set()).add(tuple(op.keys))
    s.made_in[("name", key)] = rev.name


def _drop_named(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    s = result.schema
    if not isinstance(op.constraint, str):
        if op.table and op.constraint is UNKNOWN:  # looked up at run time (inspector, pg_constraint)
            for key in [k for k, (t, _) in s.names.items() if t == op.table]:
                del s.names[key]  # any name of the table may be free from here on
        return
    key = name_key(op)
    if op.name == "drop_index" and key not in s.names:  # drop_index without its table
        key = next((k for k in s.names if k[1] == key[1]), key)
    s.names.pop(key, None)
    s.made_in.pop(("name", key), None)


def _rename_named(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    """ALTER TABLE ... RENAME CONSTRAINT / ALTER INDEX ... RENAME TO: the old name is free."""
    s = result.schema
    if not isinstance(op.constraint, str) or not op.new_name:
        return
    name = pg_name(op.constraint)
    if op.name == "rename_index":
        old = next((k for k in s.names if k[1] == name and k[0] == (op.table or "")), None) \
            or next((k for k in s.names if k[1] == name), None)
    else:
        old = name_key(op)
    if old is None or old not in s.names:
        s.made_in.pop(("name", old or ("", name)), None)
        return
    new = (old[0], pg_name(op.new_name))
    s.names[new] = s.names.pop(old)
    s.made_in[("name", new)] = s.made_in.pop(("name", old), rev.name)


STEPS: dict[str, Step] = {
    "create_table": _create_table, "drop_table": _drop_table, "drop_view": _drop_view,
    "rename_table": _rename_table, "add_column": _add_column, "drop_column": _drop_column,
    "empty": _empty, "insert": _insert, "delete": _delete_some, "execute": _delete_some,
    "function": _function, "insert_trigger": _insert_trigger, "drop_trigger": _drop_trigger,
    "alter_column": _alter_column, "set_not_null": _alter_column, "backfill": _backfill,
    **dict.fromkeys(("create_unique_constraint", "create_index", "create_foreign_key",
                     "create_check_constraint"), _create_named),
    "drop_constraint": _drop_named, "drop_index": _drop_named,
    "rename_constraint": _rename_named, "rename_index": _rename_named, "wipe": wipe_step}


def _set_not_null(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    s = result.schema
    column = (table or {}).get(op.column or "")
    later = [b for b in rev.upgrade if b.name == "backfill" and b.seq > op.seq
             and b.fills(op.table, op.column)]
    earlier = [b for b in rev.upgrade if b.name == "backfill" and b.seq < op.seq
               and b.fills(op.table, op.column)]
    key = (op.table or "", op.column or "")
    gaps = [nullsource.copied_nulls(s.tables, b, key[1]) for b in earlier]  # (a MAX(...) of none)
    earlier_here = any(not b.some_rows and not gap for b, gap in zip(earlier, gaps, strict=True))
    partly = next(((rev.revision or rev.name, b.line, gap or _updates_some(b))
                   for b, gap in zip(earlier, gaps, strict=True)), None) or s.partly_filled.get(key)
    needs_fill = True
    if column is not None:
        already = not column.nullable and on_path(s.lineage, rev, s.not_null_in.get(key))
        column.nullable = False
        s.not_null_in[key] = rev.name
        if already or column.server_default \
                or rev.name in (s.created_in.get(op.table or ""), s.emptied_in.get(op.table or "")):
            needs_fill = False
    elif key in s.not_null_copies and s.created_in.get(op.table or "") == rev.name:
        needs_fill = False  # CREATE TABLE AS copied it, here, from a NOT NULL column
    picks = s.picks.get(key, set())
    result.events.append(Event("set-not-null", rev, op, {"needs_fill": needs_fill,
        "filled_before": earlier_here or (op.table, op.column) in s.backfilled
        and on_path(s.lineage, rev, s.filled_in.get(key))
        or unmade.none_left_null(picks, table),
        "filled_after": later[0].line if later else None,
        "filled_partly": partly,
        "picks_one": next(iter(picks)) if len(picks) == 1 and "" not in picks else None}))

