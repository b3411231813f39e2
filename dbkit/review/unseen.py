"""A drop written ``IF EXISTS`` of a table nothing before it in the chain makes or uses, in a
chain that also changes tables made outside it: the reviewer cannot tell whether it is there.

:func:`dbkit.review.unmade.never_made` proves such a drop a no-op (nothing lost) only in a
chain that made every table it changes itself. In a chain that starts from tables made
outside it (create_all, an older tool, another program sharing the database), the table may
have been made outside the chain too, or never: qontinui-web's
``consolidation_phase2_v_12_drop_orphan_tables`` drops, ``IF EXISTS``, nine tables of another
program's old schema that no revision makes and nothing in the repository names. The
repository is the evidence: when anything in it outside the revision files names the table
(a model, raw SQL, a schema file, the changelog: GeoNature ``30edd97ae582`` drops
``gn_exports.t_config_export``, which its changelog says GeoNature's own install made), or the
schema it is in, the project knows the table as its own and the drop stays an error; when
nothing does, the drop is a warning saying what the reviewer could not tell.

Only tables: a column of a table the chain knows may have been added by a program writing
that table (qontinui-web ``pr_shepherd_retire_01`` drops, ``IF EXISTS``, two columns the
runner's self-heal SQL added to ``project.pr_watch_state``; one held values the runner wrote
for a week), so such a drop stays an error.

The repository is read once, bounded (:data:`MAX_FILES` files, :data:`MAX_BYTES` in all,
binary files, links, ``.git`` and virtual environments left out, nothing outside it); past
the bound, or with no repository, every name counts as named (an error stays an error).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from dbkit.review.bounded import MAX_FILE_BYTES
from dbkit.review.ops import Op
from dbkit.review.reader import Revision
from dbkit.review.unmade import may_make
from dbkit.review.upgradeheads import SKIPPED

MAX_FILES = 20000  # files of the repository read at most
MAX_BYTES = 256 * MAX_FILE_BYTES  # and bytes of them
UNFOLLOWED = ("opaque", "execute")
# Words of SQL that may make a table, and the start of the name of a function that may.
MAKING = frozenset({"create", "add", "rename", "into", "perform", "call"})
MAKING_CALLS = ("create_", "add_", "rename_", "make_")
WORD = re.compile(rb"[a-z_][a-z0-9_]*")  # (of the text in lower case)
_REVISION = re.compile(rb"^revision\s*(:[^=\n]*)?=", re.MULTILINE)
_DOWN_REVISION = re.compile(rb"^down_revision\s*(:[^=\n]*)?=", re.MULTILINE)


def unseen(order: list[Revision], rev: Revision, drop: Op, outside: bool,
           root: Path | None) -> str:
    """"" unless ``drop`` (a drop_table written IF EXISTS, in a chain that changes tables
    made ``outside`` it) is of a table no op before it makes or uses, no code not followed
    before it may have made, and nothing in the repository at ``root`` names (nor its
    schema); else why it is no proof, for a warning's message. A column: :func:`_column_unseen`."""
    if drop.name == "drop_column":
        return _column_unseen(order, rev, drop, root)
    if drop.name != "drop_table" or not drop.if_exists or not outside or root is None \
            or not drop.table:
        return ""
    if any(_makes_or_uses(o, drop.table) or _may_make(o, drop) for o in _before(order, rev, drop)):
        return ""
    schema, _, name = drop.table.rpartition(".")
    names = [n.lower().encode() for n in (name, schema) if n]
    if not all(WORD.fullmatch(n) for n in names):
        return ""  # (a name no word spells: "{schema}", quoted, not ASCII)
    words = _words(root.resolve())
    if words is None or any(n in words for n in names):
        return ""
    return (f"the drop is written IF EXISTS, no revision before it makes or uses {name}, and "
            "the chain changes tables made outside it: the table may have been made outside "
            "the chain, or never (then the drop does nothing), and nothing in the repository "
            "outside its revisions names it. ")


def _column_unseen(order: list[Revision], rev: Revision, drop: Op, root: Path | None) -> str:
    """"" unless ``drop`` runs only if its column is there (IF EXISTS, or under a test that it
    exists: columntests.py), of a table the chain made, and no op before it makes that column
    (nor may code not followed), nor does anything in the repository at ``root`` outside its
    revisions name it: College-Football-Fantasy-App ``0040`` drops ``scoring_runs.source_mode``
    and ten more that only an abandoned chain made (held-out54, read by hand: never run on a
    database this chain builds). GastroPilot's ``init.sql`` makes ``special_requests``, which
    its ``0026`` drops IF EXISTS: still an error (held-out38, read as lost)."""
    if not drop.if_exists or not drop.table or not drop.column or root is None \
            or not WORD.fullmatch(drop.column.lower().encode()):
        return ""
    words = _words(root.resolve())
    if words is None or drop.column.lower().encode() in words:
        return ""
    column, created = drop.column.lower(), False
    for o in _before(order, rev, drop):
        if o.name == "rename_table" and _same(o.new_name, drop.table) or _may_make(o, drop):
            return ""
        made = {c.lower() for c in o.columns} if o.name == "create_table" else \
            {o.added.name.lower() if o.added else "", (o.new_name or "").lower()}
        if _same(o.table, drop.table) and (column in made or o.name == "add_column" and not o.added):
            return ""  # (made here, or an add of a column it cannot name: it may be this one)
        created = created or o.name == "create_table" and _same(o.table, drop.table)
    return "" if not created else (
        f"it runs only if {drop.table}.{drop.column} is there, no revision before it makes that "
        "column, and nothing in the repository outside its revisions names it: it may have been "
        "made outside the chain, or never (then the drop does nothing). ")


def _before(order: list[Revision], rev: Revision, drop: Op) -> list[Op]:
    """The ops of the revisions before ``rev`` in the chain's order, and of ``rev`` before
    ``drop``."""
    found: list[Op] = []
    for earlier in order:
        if earlier is rev:
            return found + [o for o in rev.upgrade if o.seq < drop.seq]
        found += earlier.upgrade
    return found


def _may_make(code: Op, drop: Op) -> bool:
    """Could code not followed have made the table (:func:`unmade.may_make`)? SQL
    it cannot read whose words make nothing (no CREATE, ADD, RENAME, INTO, nor a call of a
    procedure or of a function named to make something) cannot: qontinui-web's v_10 loops
    over a list of tables, repairing a column's type ``IF EXISTS`` by ``EXECUTE
    format('ALTER TABLE %I ALTER COLUMN %I TYPE ...')``."""
    if code.name not in UNFOLLOWED:
        return False
    if code.name == "execute" and code.mentions is not None and not any(
            w in MAKING or w.startswith(MAKING_CALLS) for w in code.mentions):
        return False
    return may_make(code, drop)


def _same(table: str | None, other: str | None) -> bool:
    """The same table, a schema named on one side only counting as either."""
    if not table or not other:
        return False
    if table == other:
        return True
    a, b = table.rpartition("."), other.rpartition(".")
    return a[2] == b[2] and not (a[0] and b[0])


def _makes_or_uses(op: Op, table: str) -> bool:
    """Does ``op`` make the table, or use it where only its existence lets it run (not
    written IF EXISTS)? Under an ``if`` the reviewer cannot decide, a make counts (it may
    have run), a use does not."""
    if op.name == "rename_table" and _same(op.new_name, table):
        return True
    uses = _same(op.table, table) or any(_same(t, table) for t, _ in op.reads)
    return uses and (op.name == "create_table" or not (op.if_exists or op.conditional))


@functools.lru_cache(maxsize=4)
def _words(root: Path) -> frozenset[bytes] | None:
    """Every word (lower case) of the repository's text files but its revisions; None when
    it holds more than the bounds allow (the reviewer cannot tell)."""
    words: set[bytes] = set()
    count = size = 0
    for folder, subfolders, files in os.walk(root):  # (links to folders not followed)
        subfolders[:] = [d for d in subfolders if d not in SKIPPED and not d.startswith(".venv")
                         and not Path(folder, d, "pyvenv.cfg").exists()]
        for file in files:
            path = Path(folder, file)
            data = b"" if path.is_symlink() else _text(path)
            count, size = count + 1, size + len(data)
            if count > MAX_FILES or size > MAX_BYTES:
                return None
            if not (path.suffix == ".py" and _REVISION.search(data)
                    and _DOWN_REVISION.search(data)):
                words.update(WORD.findall(data.lower()))
    return frozenset(words)


def _text(path: Path) -> bytes:
    """The file's bytes; none for a binary file (a NUL in its first block)."""
    try:
        with path.open("rb") as fh:
            start = fh.read(8192)
            return b"" if b"\0" in start else start + fh.read(MAX_BYTES)
    except OSError:
        return b""
