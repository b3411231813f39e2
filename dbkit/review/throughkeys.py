"""Values a table finds again through the chain's foreign keys: a denormalised key, a count.

LocalCragApp (held-out27, read kept) drops ``todos.area_id``, ``sector_id`` and ``crag_id``
(``05ebc3b1cffa``; ``ascents``' the same in ``1a03d846b4d3``) and keeps ``line_id``: the
chain's foreign keys go ``lines.area_id -> areas``, ``areas.sector_id -> sectors``,
``sectors.crag_id -> crags``, so each dropped key is where the line's own keys lead. It
drops the ``ascent_count`` of ``areas``, ``crags``, ``lines``, ``regions`` and ``sectors``
(``0b20e4ecbe5c``) while ``ascents`` keeps a foreign key to four of them: a count of rows it
keeps (none to ``regions``: that drop stays an error). Both are warnings (derived.py), never a proof of loss:

- a denormalised key: the dropped column is a single-column foreign key of the table to P,
  and another foreign key of the table, to another table, which this revision does not drop,
  reaches P through the chain's foreign keys, each of them named as one of the table's own to
  the same table (``lines.area_id``, ``areas.sector_id`` beside ``todos.area_id``,
  ``todos.sector_id``: the table copies each level's key, by its name); and the table holds
  keys to two levels of that hierarchy or more: the tables of the path, and those above P
  such keys reach, not one the path's first table points at itself (``lines.created_by_id ->
  users``: who made a row is no level); and it keeps no key of its own to a table of the
  path (``marks.created_by_id`` beside ``lines.created_by_id -> users.company_id``: the
  company of the line's maker, or of the mark's?); and it holds no other key to P: keys to one
  table by several columns are roles (med_backend_finally ``b673a0d79a26`` drops
  ``users_services_carts.doctor_id``, ``doctor_nurse_id``, ``doctor_exec_id``, ... all to
  ``doctors_medical_centers``: held-out42, read lost), not the level a path leads to. One
  such key alone (``comments.user_id`` beside ``post_id``, ``posts.user_id``: who wrote the
  comment, not the post) is no copy, nor a
  path through keys the table does not hold (ingo360-backend ``677e947c3a24``'s
  ``doctors.company_id``, which ``client_category_id -> client_categories.import_log_id ->
  import_logs.uploaded_by -> users.company_id`` reaches: held-out14, read lost);
- a count: the dropped column is named ``<child>_count`` (``_cnt``), ``<child>s_count``,
  ``num_<child>s`` or ``number_of_<child>s``, of an integer type when known, and a table
  named like the child (``ascents`` for ``ascent``), which this revision does not drop,
  has a foreign key to the table. Not through other tables: ``ascents.line_id ->
  lines.created_by_id -> users`` counts the ascents of the lines a user made, not the user's.

The foreign keys are those of ``op.create_table``, ``add_column`` (``sa.ForeignKey``) and
``create_foreign_key``, of one column each, made before the revision and not undone since
(a drop of the table, of the column, a rename, a ``drop_constraint`` of a foreign key: the
one its name names, else all of the table's), by the revisions ``rev`` follows; this
revision's own drops of tables and columns count too, its ``drop_constraint`` not (a key
dropped with its column, as here). Keys made by SQL are not read: no finding changes.

``linked.enforced_links`` follows keys too, for another question: which keys the database
checks on every row of one table (orphans, keys translated: ``keymaps.py``). It forgets a
key on any doubt (code not followed that may touch the table, a column made nullable, a
constraint of the parent dropped), where a warning here only needs the keys the chain shows
made; both rule sets on one tracker change findings either way (LocalCragApp's ten warnings
become errors, or remnashop's ``DROP CONSTRAINT ... CASCADE`` goes unseen), so they stay two.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable

from dbkit.review.chain import Chain
from dbkit.review.ops import Op, bare_name, spelled_like
from dbkit.review.reader import Revision

Key = tuple[str, str]  # (table, column), bare and lower case
COUNTED = re.compile(r"^(?:(?P<a>\w+?)_(?:count|cnt)|(?:num|number_of)_(?P<b>\w+s))$")
INTEGERS = ("int", "serial", "numeric", "decimal", "number")


def copied_down(chain: Chain, rev: Revision, op: Op) -> str | None:
    """Why the dropped column maybe holds what another kept key of its table leads to
    (naming the path, for a warning), or None (see the module)."""
    table, column = bare_name(op.table), (op.column or "").lower()
    keys = foreign_keys(chain, rev)
    parent = keys.get((table, column))
    if parent is None:
        return None
    kept = _kept(keys, rev)
    mine = {c: p for (t, c), p in keys.items() if t == table}
    if sum(p == parent for p in mine.values()) > 1:
        return None  # keys to one table by several columns: roles (who did what), not a level
    named = {(t, c): p for (t, c), p in kept.items() if t != table and mine.get(c) == p}
    for (own, start), first in sorted(kept.items()):
        if own != table or start == column or first in (parent, table):
            continue
        path = _path(named, first, parent)
        levels = {kept[k] for k in path} | _above(named, parent, first)
        held = {p for c, p in mine.items() if c != start} & levels
        own_too = {p for (t, c), p in kept.items() if t == table and c != start}
        if not path or len(held) < 2 or own_too & {kept[k] for k in path}:
            continue
        hops = " -> ".join(f"{t}.{c}" for t, c in [(table, start), *path])
        return (f"it names a row of {parent}, which {table}.{start}, kept, leads to through "
                f"the chain's foreign keys ({hops} -> {parent}), and {table} holds keys to "
                f"{', '.join(sorted(held))} of that hierarchy: a copy of it")
    return None


def _above(keys: dict[Key, str], start: str, first: str) -> set[str]:
    """The tables ``keys`` lead to from ``start``, but those the path's first table points at
    itself (``lines.created_by_id -> users``: who made each row, no level of the hierarchy)."""
    beside = {p for (t, _), p in keys.items() if t == first}
    found: set[str] = set()
    todo = [start]
    while todo:
        at = todo.pop()
        for (t, _), p in sorted(keys.items()):
            if t == at and p not in beside and p not in found:
                found.add(p)
                todo.append(p)
    return found


def counted(chain: Chain, rev: Revision, op: Op, type_: str | None) -> str | None:
    """Why the dropped column is maybe a count of rows of another table that point at its
    table (naming them, for a warning), or None (see the module)."""
    table, column = bare_name(op.table), (op.column or "").lower()
    found = COUNTED.match(column)
    if found is None or type_ and not any(t in type_.lower() for t in INTEGERS):
        return None
    word = found.group("a") or found.group("b")
    keys = foreign_keys(chain, rev)
    kept = _kept(keys, rev)
    for (child, key), parent in sorted(kept.items()):
        if parent == table != child and spelled_like(child, frozenset({word})):
            return (f"its name makes it a count of the rows of {child}, which the chain "
                    f"keeps, each pointing at a row of {table} ({child}.{key})")
    return None


def foreign_keys(chain: Chain, rev: Revision) -> dict[Key, str]:
    """The single-column foreign keys the chain shows before ``rev``: (table, column) -> the
    table it points at, bare names in lower case (see the module)."""
    # Down a line of single parents to a revision already worked out, then forward from it:
    # what a revision sees is what its one parent saw, plus the parent's own ops.
    line: list[tuple[Revision, Revision]] = []
    at, seen = rev, {rev.name}
    while ("foreign_keys", at.name) not in chain.memo:
        parents = [chain.by_id[p] for p in at.down_revision or () if p in chain.by_id]
        if len(parents) != 1 or parents[0].name in seen:
            chain.memo[("foreign_keys", at.name)] = _walked(chain, at)
            break
        line.append((at, parents[0]))
        at = parents[0]
        seen.add(at.name)
    for child, parent in reversed(line):
        keys = dict(chain.memo[("foreign_keys", parent.name)])
        for o in parent.upgrade:
            _step(keys, o)
        chain.memo[("foreign_keys", child.name)] = keys
    return dict(chain.memo[("foreign_keys", rev.name)])


def _walked(chain: Chain, rev: Revision) -> dict[Key, str]:
    """The keys before ``rev`` from its every ancestor (a merge, a root, a loop)."""
    before = {r.name for r in chain.ancestors(rev)}
    keys: dict[Key, str] = {}
    for earlier in chain.order:
        for o in earlier.upgrade if earlier.name in before else ():
            _step(keys, o)
    return keys


def _step(keys: dict[Key, str], o: Op) -> None:
    table, column = bare_name(o.table), (o.column or "").lower()
    if o.name == "create_table":
        _forget(keys, lambda t, c, p: t == table)
    elif o.name in ("drop_table", "rename_table"):
        _forget(keys, lambda t, c, p: table in (t, p))
    elif o.name == "drop_column" or o.name == "alter_column" and o.new_name:
        _forget(keys, lambda t, c, p: (t, c) == (table, column))
    elif o.name == "drop_constraint" and o.constraint_type in (None, "foreignkey"):
        named = str(o.constraint).lower() if isinstance(o.constraint, str) else ""
        mine = [c for t, c in keys if t == table and c in named]
        _forget(keys, lambda t, c, p: t == table and (not mine or c in mine))
    if o.name in ("create_table", "add_column", "create_foreign_key"):
        for columns, parent in o.references:
            if len(columns) == 1 and parent != "?":
                keys[(table, columns[0].lower())] = bare_name(parent)


def _forget(keys: dict[Key, str], gone: Callable[[str, str, str], bool]) -> None:
    for (t, c), p in list(keys.items()):
        if gone(t, c, p):
            del keys[(t, c)]


def _kept(keys: dict[Key, str], rev: Revision) -> dict[Key, str]:
    """The keys ``rev`` leaves: those of a table or column it drops are gone."""
    gone_tables = {bare_name(o.table) for o in rev.upgrade if o.name == "drop_table"}
    gone = {(bare_name(o.table), (o.column or "").lower()) for o in rev.upgrade
            if o.name == "drop_column"}
    return {(t, c): p for (t, c), p in keys.items() if (t, c) not in gone
            and not {t, p} & gone_tables}


def _path(keys: dict[Key, str], start: str, goal: str) -> list[Key]:
    """The shortest chain of ``keys`` from ``start`` to ``goal`` (the columns followed); []
    when none."""
    todo: deque[tuple[str, list[Key]]] = deque([(start, [])])
    seen = {start}
    while todo:
        at, path = todo.popleft()
        for (t, c), p in sorted(keys.items()):
            if t != at or p in seen:
                continue
            if p == goal:
                return [*path, (t, c)]
            seen.add(p)
            todo.append((p, [*path, (t, c)]))
    return []
