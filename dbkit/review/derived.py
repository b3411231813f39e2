"""Is a dropped column maybe derived: could the table compute its values again from columns
it keeps? Then its drop is no proven loss (a warning naming those columns), never an error.

Only evidence the chain shows counts (issue 19: funnel's ``speaker_bio_html`` beside
``speaker_bio_text``, ``md5sum`` beside ``email``; hypothesis' ``uid`` filled with
``lower(replace(username, '.', ''))``):

- a fill: a revision's UPDATE (SQL or Core, in an upgrade or a downgrade) sets the column
  from other columns of the same row, and nothing else (no other table, no subquery); but
  not a downgrade's UPDATE of a column that same downgrade adds back: it guesses what to
  put into a column it re-creates (onyx ``8818cf73fa1a``: ``include_citations`` guessed
  from ``name``, a value users set), where hypothesis' ``faefe3b614db`` downgrade fills
  the NULLs of a ``uid`` that exists with the formula the application used;
- a trigger: a BEFORE INSERT trigger on the table runs a function setting ``NEW.<column>``
  from other fields of the new row;
- a tsvector: a search index of the row's text columns, when the revision loses no other
  column of the table (else what it indexed is lost with them);
- the name, beside a kept column it is plainly a rendering or a digest of: ``<x>_html`` (or
  ``_rendered``) beside ``<x>`` / ``<x>_text``; ``<x>_hash`` (``_md5``, ``_md5sum``, ``_sha1``,
  ``_sha256``, ``_sha512``, ``_blake2b``, ``_digest``, ``_checksum``) beside ``<x>``; a bare
  digest (``md5sum``, ``blake2b``, ...) or ``domain`` beside the address (``email``,
  ``email_address``, ``url``, ``uri``) of a table named after it (``user_email``);
- a key translated into another key of the row (keymaps.py), when some rows may have
  matched nothing;
- the chain's foreign keys (throughkeys.py): a key where another kept key of the table leads,
  in a hierarchy it copies (``todos.area_id`` beside ``line_id``, ``lines.area_id``), or a
  count of the rows of a table that point at it (``areas.ascent_count``, ``ascents.area_id``).

A source column is kept when the table has it at the drop (made by the chain on that table,
or named by its ops on a table made outside it, and not dropped before), or when it is
dropped in the same revision without a proven loss of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from dbkit.review.chain import Chain
from dbkit.review.flags import flagged_from
from dbkit.review.keymaps import translated
from dbkit.review.ops import ColumnInfo, Op
from dbkit.review.reader import Revision
from dbkit.review.recomputed import recomputed
from dbkit.review.throughkeys import copied_down, counted

RENDERINGS = ("_html", "_rendered")
RENDERED_FROM = ("", "_text", "_markdown", "_md", "_raw", "_source")
DIGESTS = ("hash", "md5", "md5sum", "sha1", "sha256", "sha512", "blake2b", "digest", "checksum")
ADDRESSES = ("email", "email_address", "url", "uri")
TSVECTORS = ("tsvector", "tsvectortype")


def derived_from(chain: Chain, rev: Revision, op: Op, type_: str | None,
                 lost: Callable[[str], bool]) -> str | None:
    """Why ``op``'s dropped column maybe derives from columns its table keeps (naming them,
    for the warning's message), or None. ``lost(column)``: is the drop of that column of the
    same table, in this revision, a proven loss?"""
    if op.name == "drop_table" and op.table:
        return _search_index(chain, rev, op.table)
    if op.name != "drop_column" or not op.table or not op.column:
        return None
    again = recomputed(chain, rev, op) or translated(chain, rev, op)  # (keymaps.py)
    if again is not None:
        return again
    column = op.column.lower()
    kept = {c for c in _columns_at(chain, rev, op)
            if c != column and not (_dropped_here(rev, op.table, c) and lost(c))}
    filled = _filled_from(chain, op.table, column) or _set_by_trigger(
        chain, rev, op.table, column) or flagged_from(chain, rev, op, kept)  # (flags.py)
    if filled is not None and filled[1] <= kept:
        where, sources = filled
        names = ", ".join(f"{op.table}.{c}" for c in sorted(sources))
        here = any(_dropped_here(rev, op.table, c) for c in sources)
        return f"{where} computes it from {names}, {_KEPT[here]}"
    if (type_ or "").lower() in TSVECTORS and not any(
            o.name == "drop_column" and o.table == op.table and o.column
            and o.column.lower() != column and lost(o.column.lower()) for o in rev.upgrade):
        return ("it is a tsvector, a search index of the row's text columns, none of which "
                "this revision loses")
    named = _named_from(column, kept, op.table.rpartition(".")[2].lower())
    if named is not None:
        kind, source = named
        here = _dropped_here(rev, op.table, source)
        return f"its name makes it {kind} {op.table}.{source}, {_KEPT[here]}"
    return copied_down(chain, rev, op) or counted(chain, rev, op, type_)  # (throughkeys.py)


_KEPT = {False: "which the table keeps",
         True: "dropped here too but not lost (its values are carried on or unsure)"}


def _named_from(column: str, kept: set[str], table: str) -> tuple[str, str] | None:
    """What ``column``'s name says it is of a kept column (a rendering, a digest, the
    domain), and that column; None when it says nothing. A bare digest or ``domain`` is of
    the address a table named after it holds (``user_email``'s ``email``); in another table
    (a store's ``domain`` beside its contact ``email``) it says nothing."""
    for suffix in RENDERINGS:
        if column.endswith(suffix) and len(column) > len(suffix):
            base = column[: -len(suffix)]
            for source in (base + s for s in RENDERED_FROM):
                if source in kept:
                    return "a rendering of", source
    for digest in DIGESTS:
        if column.endswith("_" + digest) and column[: -len(digest) - 1] in kept:
            return "a digest of", column[: -len(digest) - 1]
    if column in DIGESTS or column == "domain":
        found = [a for a in ADDRESSES if a in kept and a in table]
        kind = "the domain of" if column == "domain" else "a digest of"
        return (kind, found[0]) if len(found) == 1 else None
    return None


def _filled_from(chain: Chain, table: str, column: str) -> tuple[str, set[str]] | None:
    """Where an UPDATE of the chain computes ``column`` from other columns of the same row
    (its SET reads only them: no other table, no subquery; it fills every row it reaches,
    not some picked by a WHERE on other columns), and those columns; None when none does."""
    for rev in chain.order:
        guessed = _added_back(rev, table, column)  # its downgrade's fill is a guess
        for fill in [*rev.upgrade, *([] if guessed else rev.downgrade)]:
            if fill.name != "backfill" or fill.some_rows or fill.unreached \
                    or {(t, c.lower()) for t, c in fill.writes} != {(table, column)}:
                continue
            computed = fill.computed or frozenset()
            sources = {c.lower() for t, c in computed if c.lower() != column}
            if sources and all(t == table and c != "*" for t, c in computed):
                return f"revision {rev.revision or rev.name} (line {fill.line})", sources
    return None


def _added_back(rev: Revision, table: str, column: str) -> bool:
    """Does the revision's downgrade add the column back (re-create it after its upgrade
    dropped it)?"""
    return any(o.name == "add_column" and o.table == table and (o.column or "").lower() == column
               for o in rev.downgrade)


def _set_by_trigger(chain: Chain, rev: Revision, table: str,
                    column: str) -> tuple[str, set[str]] | None:
    """Where a trigger on ``table`` made up to ``rev`` runs a function setting ``NEW.column``
    from other fields of the new row (``NEW.uid := lower(NEW.username)``), and those. The
    trigger may be dropped since (with the column, say): it still shows how it is computed."""
    functions: dict[str, tuple[str, set[str]]] = {}
    found = None
    for earlier in chain.order:
        for o in earlier.upgrade:
            if o.name == "function" and o.new_name:
                sources = {f for c, f in o.computed or () if c == column}
                functions[o.new_name] = (f"the function {o.new_name} (revision "
                                         f"{earlier.revision or earlier.name}, line {o.line})",
                                         sources)
            elif o.name == "insert_trigger" and o.table == table and o.new_name in functions \
                    and functions[o.new_name][1]:
                found = f"a trigger running {functions[o.new_name][0]}", functions[o.new_name][1]
        if earlier is rev:
            break
    return found


def _dropped_here(rev: Revision, table: str, column: str) -> bool:
    return any(o.name == "drop_column" and o.table == table and (o.column or "").lower()
               == column for o in rev.upgrade)


def _search_index(chain: Chain, rev: Revision, table: str) -> str | None:
    """A dropped table whose every column but its primary key is a tsvector: a search index
    of text kept elsewhere (oeplatform 4a999e7a3f93's meta_search, rebuilt from the tables'
    comments and tags by the application), which can be built again."""
    columns: dict[str, ColumnInfo] = {}
    for earlier in chain.order:
        for o in earlier.upgrade:
            if o.table != table:
                continue
            if o.name == "create_table":
                columns = dict(o.columns)
            elif o.name == "add_column" and o.added:
                columns[o.added.name] = o.added
            elif o.name == "drop_column" and o.column and earlier is not rev:
                columns.pop(o.column, None)
        if earlier is rev:
            break
    keys = [c for c, info in columns.items() if info.primary]
    others = [c for c, info in columns.items() if not info.primary]
    if not others or any((columns[c].type_ or "").lower() not in TSVECTORS for c in others):
        return None
    return (f"every column of {table} but its primary key ({', '.join(keys) or 'none'}) is a "
            f"tsvector ({', '.join(others)}), a search index of text kept elsewhere")


def _columns_at(chain: Chain, rev: Revision, op: Op) -> set[str]:
    """The columns ``op``'s table has at ``rev``, lower case, as the chain shows them: made
    by it (create_table, add_column, a rename) and not dropped before; for a table the chain
    found made outside it, also the columns its ops name there (keys of an index or a
    constraint, an alter_column, what an UPDATE reads or writes)."""
    have: set[str] = set()
    created = False
    for earlier in chain.order:
        for o in [*earlier.upgrade]:
            if o.name == "create_table" and o.table == op.table:
                have, created = {c.lower() for c in o.columns}, True
            elif o.table == op.table:
                _step(have, o, created, dropping=earlier is not rev)
            if not created:
                have |= {c.lower() for t, c in o.reads | o.writes if t == op.table and c != "*"}
        if earlier is rev:
            break
    return have


def _step(have: set[str], o: Op, created: bool, dropping: bool) -> None:
    column = (o.column or "").lower()
    if o.name == "add_column" and column:
        have.add(column)
    elif o.name == "drop_column" and column and dropping:
        have.discard(column)
    elif o.name == "alter_column" and column and o.new_name:
        have.discard(column)
        have.add(o.new_name.lower())
    elif not created:  # named by an op on a table made outside the chain: it is there
        have |= {k.lower() for k in o.keys} | ({column} if column else set())
