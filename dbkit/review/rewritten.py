"""A drop taken as a no-op (of a table or column no revision makes) that a revision still in
the chain made before it was rewritten.

:func:`dbkit.review.unmade.never_made` takes a drop written ``IF EXISTS`` (or under an ``if``
testing that its object exists) of a table or column no revision before it makes as one of
nothing: nothing lost. The chain read is the one at HEAD, but a database was upgraded by the
chain as it was committed then: ForgeBase's revisions 0008-0013 made tables and columns
(d316e84), were rewritten to ``pass`` to keep their ids in the chain (8fd469f, "Historical
placeholder revision kept so Alembic can traverse old revision chains"), and
0025_drop_phase2_residuals then drops them ``IF EXISTS``: a database upgraded before the
rewrite holds them and the rows the application wrote in them, and the drop loses those.

So, and only for a chain holding such a drop, the history of its versions folder(s) is read
once (``git log -p``, cached): when a removed line of a file still in the chain (the same path
at HEAD), of a revision before the drop's, made the table (``create_table`` / ``CREATE
TABLE``) or the column (``add_column`` / ``ADD COLUMN``, or a column of the table's
``create_table``), the drop is no no-op. A revision deleted from the chain (a squash:
ai-shifu 8f4c1a2b7d9e, leftovers.py) may have copied its rows elsewhere before it went: not
read. The revision files are data: git shows their text, nothing imports or runs them. Git
absent, no repository, any git error or a timeout: the drop stays a no-op, as before.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit.review.ops import DropKey, Op, bare_name, drop_key
from dbkit.review.reader import Revision

if TYPE_CHECKING:
    from dbkit.review.schema import Walk

TIMEOUT = 30  # seconds git may take, once per chain
MAX_BYTES = 64 * 1024 * 1024  # of history read at most; past it, nothing is read
Q = "[\"'`]?"  # a quote, or none, around a name in SQL


@dataclass(frozen=True)
class Change:
    """What one commit did to one file: its short hash, the file (resolved), the text added
    and the text removed (each hunk's lines, in order), and whether it deleted the file."""

    commit: str
    path: Path
    added: str
    removed: str
    deleted: bool = False


def made_before(order: list[Revision], rev: Revision, op: Op) -> str:
    """"" unless an earlier committed version of a revision before ``rev`` in ``order`` (a
    file still in the chain) made the table or column ``op`` drops; else which and when, for
    the message: "revision R made as committed in A (since rewritten, B)"."""
    if op.name not in ("drop_table", "drop_column") or not op.table \
            or (op.name == "drop_column" and not op.column):
        return ""
    at = next((i for i, r in enumerate(order) if r is rev), 0)
    if any(_names(o, op) for r in order[:at + 1] for o in r.upgrade
           if r is not rev or o.seq < op.seq):
        return ""  # (today's chain made, renamed or dropped it before: not "never made")
    before = {r.path.resolve(): r for r in order[:at]}
    folders = tuple(sorted({str(p.parent) for p in before}))
    if not before:
        return ""
    changes = _history(folders)
    for at, change in enumerate(changes):
        earlier = before.get(change.path)
        if earlier is None or not makes(change.removed, op):
            continue
        made = next((c.commit for c in reversed(changes[:at])
                     if c.path == change.path and makes(c.added, op)), "")
        when = f"as committed in {made}" if made else f"as committed before {change.commit}"
        back = next((c.commit for c in changes[at + 1:] if c.path == change.path and c.added),
                    "") if change.deleted else ""
        since = f"deleted in {change.commit}, put back rewritten in {back}" if back \
            else f"rewritten, {change.commit}"
        return f"revision {earlier.revision or earlier.name} made {when} (since {since})"
    return ""


def _names(other: Op, drop: Op) -> bool:
    """Does ``other`` make, rename or drop the table or column ``drop`` drops?"""
    if drop.column is None:
        return other.name in ("create_table", "drop_table", "rename_table") \
            and bare_name(drop.table) in (bare_name(other.table), bare_name(other.new_name))
    column = drop.column.lower()
    return bare_name(other.table) == bare_name(drop.table) and (
        column in {c.lower() for c in other.columns}
        or column in ((other.column or "").lower(), (other.new_name or "").lower(),
                      (other.added.name if other.added else "").lower()))


def makes(text: str, op: Op) -> bool:
    """Does ``text`` (Python or SQL) make the table ``op`` drops, or its column?"""
    table = re.escape((op.table or "").rpartition(".")[2].strip('"'))
    if not table or not text:
        return False
    if op.column is None:
        return re.search(rf"create_table\(\s*['\"]{table}['\"]", text) is not None \
            or _create_sql(text, table) is not None
    column = re.escape(op.column.strip('"'))
    return any(re.search(pattern, part) for part, pattern in _column_places(text, table, column))


def _create_sql(text: str, table: str) -> re.Match | None:
    return re.search(rf"create\s+table\s+(?:if\s+not\s+exists\s+)?(?:{Q}\w+{Q}\.)?{Q}{table}"
                     rf"{Q}(?!\w)", text, re.IGNORECASE)


def _column_places(text: str, table: str, column: str) -> list[tuple[str, str]]:
    """(text, pattern) pairs: where a making of ``table.column`` would be, and its shape."""
    named = rf"Column\(\s*['\"]{column}['\"]"
    places = [(text, rf"add_column\(\s*['\"]{table}['\"]\s*,\s*(?:\w+\.)?{named}"),
              (text, rf"(?is)alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?(?:{Q}\w+{Q}\.)?"
                     rf"{Q}{table}{Q}\s[^;]*?\badd\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?"
                     rf"{Q}{column}{Q}\s")]
    for call in ("create_table", "batch_alter_table"):  # the text up to the next such call
        for found in re.finditer(rf"{call}\(\s*['\"]{table}['\"]", text):
            rest = text[found.end():]
            end = re.search(r"(create_table|batch_alter_table)\(", rest)
            places.append((rest[:end.start()] if end else rest, named))
    sql = _create_sql(text, table)
    if sql is not None:
        rest = text[sql.end():]
        places.append((rest[:rest.find(";")] if ";" in rest else rest,
                       rf"(?i)[(,]\s*{Q}{column}{Q}\s+\w"))
    return places


def safe_git(folder: str) -> list[str] | None:
    """The command that runs git in ``folder`` (a learner's repository, whose own config must
    not make git run a program, an fsmonitor hook or a signature check's gpg.program, nor
    change what a parse expects); None when git is not installed."""
    git = shutil.which("git")
    if git is None:
        return None
    return [git, "--no-pager", "-c", "core.fsmonitor=", "-c", "log.showSignature=false",
            "-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false", "-C", folder]


@functools.lru_cache(maxsize=16)
def _history(folders: tuple[str, ...]) -> list[Change]:
    """Every commit's changes to the files in ``folders``, oldest first; [] when git cannot
    tell (absent, not a repository, an error, a timeout, too much)."""
    base = safe_git(folders[0]) if folders else None
    if base is None:
        return []
    try:
        top = subprocess.run([*base, "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        if top.returncode != 0 or not top.stdout.strip():
            return []
        log = subprocess.run([*base, "log", "-p", "--no-ext-diff", "--no-textconv",
                              "--no-renames", "--no-color", "--format=%x00%h", "--",
                              *folders], capture_output=True, timeout=TIMEOUT,
                             stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError, ValueError):
        return []
    if log.returncode != 0 or len(log.stdout) > MAX_BYTES:
        return []
    return parse(log.stdout.decode("utf-8", "replace"), Path(top.stdout.strip()))[::-1]


def parse(text: str, top: Path) -> list[Change]:
    """The changes in ``git log -p --format=%x00%h`` output, newest first."""
    changes: list[Change] = []
    commit, path, header, deleted = "", None, True, False
    added: list[str] = []
    removed: list[str] = []

    def close() -> None:
        if commit and path is not None and (added or removed):
            changes.append(Change(commit, (top / path).resolve(), "\n".join(added),
                                  "\n".join(removed), deleted))

    for line in text.split("\n"):
        if line.startswith("\0") or line.startswith("diff --git "):
            close()
            added, removed, header, deleted = [], [], True, False
            if line.startswith("\0"):
                commit, path = line[1:].strip(), None
            else:
                path = line.rpartition(" b/")[2]
        elif header and line.startswith("deleted file mode"):
            deleted = True
        elif line.startswith("@@"):
            header = False
        elif not header and line.startswith("-"):
            removed.append(line[1:])
        elif not header and line.startswith("+"):
            added.append(line[1:])
    close()
    return changes


def revived(order: list[Revision], walk: Walk) -> dict[DropKey, str]:
    """The drops the walk took as no-ops (never made) that a revision before them made as
    once committed: taken out of ``walk.gone`` (a loss again), each with the history for
    its message. Git is asked only when there is such a drop."""
    found: dict[DropKey, str] = {}
    for rev, op in walk.schema.unmade:
        key = drop_key(rev.shown, op)
        made = made_before(order, rev, op) if key in walk.gone else ""
        if made:
            walk.gone.discard(key)
            found[key] = made
    return found
