"""A table (or column) that came into the repository with the revision that changes it.

A drop, a DELETE, a rename written as drop and add, or a NOT NULL on a table an earlier
revision made, where git added both revision files in one commit. A database upgraded from
the repository runs both in one ``alembic upgrade``: unless something between them writes
the table, it holds no rows when the second runs. One upgraded to the first before that
commit (the author's own, a learner's prod seeded between two steps) can hold rows there,
and loses them: the chain itself keeps nothing, so the finding stays an error (issue 19: an
error is what the chain does to a database with rows), and its message says what git shows,
for the reader who knows which databases exist. Earlier (h25young to round 42) this was a
warning: the readers of rounds 41 and 42 read those lines as losses, nine and two of them.

The note is given only on this evidence, all of it (measured over every labelled error of the opened splits
before it was built: ``tests/dbkit/review/evaluation/same_commit.py``, candidate 6):

- the nearest earlier revision on the path that makes the table (or the column) makes it
  with a plain ``create_table`` (not ``IF NOT EXISTS``, not ``CREATE TABLE ... AS SELECT``),
  and no other revision of the chain makes it or renames a table to its name: a table
  re-made over one the application had written is no new table (ninjaTrainingFastApi's
  ``meal_plans``), nor, but for a column's drop (below), is a column added to an older
  table (movie_requester);
- nothing between the two writes the table: the maker after it, the revisions between them,
  this revision before the op (an insert, an update, code the reviewer cannot follow that
  may name it);
- the commit that first added both files is neither a root commit nor the one that added the
  chain's first revisions (a chain written and deployed elsewhere, then imported), and deletes
  or renames no revision file in the chain's folders (it may have brought an older revision
  under a new name: git's "added" says nothing there).

A drop of a column (never a NOT NULL, a DELETE or a table's drop) is judged by the column's
values, not the table's rows: a nullable column with no server default that an earlier
revision added with ``add_column`` to any table, in the same commit, holds only NULL when
dropped on a database upgraded from the repository, on the same evidence: the nearest maker
of the column on the path adds it, no other revision adds it, makes it with its table or
renames a column to its name, and nothing between writes the table. A column added with a
server default (or NOT NULL) gets no note: the reviewer does not judge whether the value it
put in every old row is data (osparc-simcore's ``groups.access_rights``, read T). Nor does a
fresh column made NOT NULL on an older table: there the old rows matter (movie_requester).

Git absent, no repository, a file git does not track, any git error or a timeout: no
note. Git is asked once per chain; the revision files are data (no hook runs).
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit.review.ops import bare_name
from dbkit.review.rewritten import TIMEOUT, safe_git

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.ops import Op
    from dbkit.review.reader import Revision


def same_commit_note(ctx: Context, rev: Revision, op: Op) -> str:
    """"" unless ``op``'s table was made plainly (or, for a column's drop, the column added) by
    an earlier revision that git added in the same commit as ``rev``, with nothing writing the
    table between; else a sentence saying so, for the error's message."""
    table = bare_name(op.table or "")
    if not table:
        return ""
    column = (op.added.name if op.added else op.column or "").lower() or None
    earlier = ctx.chain.ancestors(rev)
    maker = next((r for r in earlier if any(_makes(o, table, column) for o in r.upgrade)),
                 None)
    if maker is None or any(_makes(o, table, column) for o in rev.upgrade if o.seq < op.seq):
        return ""
    made = [o for o in maker.upgrade if _makes(o, table, column)][-1]
    fresh_column = op.name == "drop_column" and made.name == "add_column"
    if not (_fresh_column(ctx, rev, made, table, column) if fresh_column
            else _plain(made) and not _made_elsewhere(ctx, maker, table)):
        return ""
    if _written_between(ctx, earlier, rev, op, maker, made, table):
        return ""
    commit = _same_commit(ctx, rev, maker)
    if not commit:
        return ""
    by = f"revision {maker.revision or maker.name} (line {made.line})"
    if fresh_column:
        return (f" Column {op.table}.{op.column} was added by {by}, which git added in the same "
                f"commit as this one ({commit[:10]}), and nothing between them writes the table: "
                "a database upgraded from the repository in one go holds only NULL there; this "
                "is about one upgraded to that revision before the commit, which can hold "
                "values.")
    return (f" Table {op.table} was made by {by}, which git added in the same commit as this "
            f"one ({commit[:10]}), and nothing between them writes it: a database upgraded "
            "from the repository in one go holds no rows there; this is about one upgraded "
            "to that revision before the commit, which can hold rows.")


def _written_between(ctx: Context, earlier: list[Revision], rev: Revision, op: Op,
                     maker: Revision, made: Op, table: str) -> bool:
    """Does anything write the table after ``made`` and before ``op``: the maker after it,
    the revisions between them (of ``earlier``, ``rev``'s ancestors), this revision before
    the op?"""
    passed = {r.name for r in ctx.chain.ancestors(maker)} | {maker.name}
    between = [o for r in earlier if r.name not in passed for o in r.upgrade]
    between += [o for o in maker.upgrade if o.seq > made.seq]
    between += [o for o in rev.upgrade if o.seq < op.seq]
    return any(_writes(o, table) for o in between)


def _same_commit(ctx: Context, rev: Revision, maker: Revision) -> str:
    """The commit that first added both revision files, when it proves they came together:
    not a root commit, not the one that brought the chain's first revisions, and not one
    that deletes or renames a revision file of the chain's folders; else ""."""
    added = _adding_commits(tuple(sorted({str(folder.resolve()) for folder in
                                          {r.path.parent for r in ctx.chain.revisions}})))
    commit = added.commits.get(rev.path.resolve())
    if commit is None or commit != added.commits.get(maker.path.resolve()) \
            or commit in added.roots or commit in added.moving \
            or commit in _first_commits(ctx, added):
        return ""
    return commit


def _makes(op: Op, table: str, column: str | None) -> bool:
    if op.name == "create_table" and bare_name(op.table or "") == table:
        return True
    if op.name == "rename_table" and bare_name(op.new_name or "") == table:
        return True
    return column is not None and op.name == "add_column" \
        and bare_name(op.table or "") == table and (op.column or "").lower() == column


def _plain(made: Op) -> bool:
    """A ``create_table`` that makes a new, empty table: not IF NOT EXISTS, copies nothing."""
    return made.name == "create_table" and not made.if_not_exists and not made.copies \
        and not made.reads


def _made_elsewhere(ctx: Context, maker: Revision, table: str) -> bool:
    """Does another revision of the chain make the table too, or rename one to its name?"""
    return any(o.name in ("create_table", "rename_table")
               and bare_name((o.new_name if o.name == "rename_table" else o.table) or "") == table
               for r in ctx.chain.revisions if r is not maker for o in r.upgrade)


def _fresh_column(ctx: Context, rev: Revision, made: Op, table: str,
                  column: str | None) -> bool:
    """Does ``made`` (an ``add_column``) add a column that holds only NULL (nullable, no
    server default), and is it the only maker of the column in the chain before ``rev``'s
    drop: no other op adds it, makes it with its table, or renames a column to its name,
    but in the revisions after ``rev`` (a column added again once dropped)?"""
    if column is None or made.added is None or not made.added.nullable \
            or made.added.server_default:
        return False
    after = ctx.chain.descendants(rev)
    return not any(
        o is not made and bare_name(o.table or "") == table
        and (o.name == "add_column" and (o.column or "").lower() == column
             or o.name == "create_table" and column in {c.lower() for c in o.columns}
             or o.name == "alter_column" and (o.new_name or "").lower() == column)
        for r in ctx.chain.revisions if r.name not in after for o in r.upgrade)


def _writes(op: Op, table: str) -> bool:
    if op.name in ("insert", "backfill"):
        return bare_name(op.table or "") == table \
            or any(bare_name(t or "") == table for t, _ in op.writes)
    if op.name in ("opaque", "execute"):
        return op.mentions is None or table in op.mentions
    return False


class _Added:
    def __init__(self, commits: dict[Path, str], roots: frozenset[str],
                 moving: frozenset[str]) -> None:
        self.commits = commits  # revision file (resolved) -> the commit that first added it
        self.roots = roots
        # the commits that delete a revision file there (or rename one: no rename detection)
        self.moving = moving


def _first_commits(ctx: Context, added: _Added) -> set[str]:
    """The commits that added the chain's first revisions (those with no down_revision)."""
    return {c for r in ctx.chain.revisions if not r.down_revision
            if (c := added.commits.get(r.path.resolve()))}


@functools.lru_cache(maxsize=16)
def _adding_commits(folders: tuple[str, ...]) -> _Added:
    """For the files in ``folders``: the commit that first added each (no rename detection:
    it takes a new revision file for a copy of an older, similar one), the root commits, and
    the commits that delete (or, seen without rename detection, rename) a revision file
    there. Empty when git cannot tell."""
    nothing = _Added({}, frozenset(), frozenset())
    base = safe_git(folders[0]) if folders else None
    if base is None:
        return nothing
    try:
        top = subprocess.run([*base, "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        log = subprocess.run([*base, "log", "--diff-filter=AD", "--no-renames", "--name-status",
                              "--format=%x00%H", "--", *folders], capture_output=True,
                             timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        roots = subprocess.run([*base, "rev-list", "--max-parents=0", "HEAD"],
                               capture_output=True, text=True, timeout=TIMEOUT,
                               stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError, ValueError):
        return nothing
    if top.returncode or log.returncode or roots.returncode or not top.stdout.strip():
        return nothing
    where = Path(top.stdout.strip())
    commits: dict[Path, str] = {}
    moving: set[str] = set()
    commit = ""
    for line in log.stdout.decode("utf-8", "replace").splitlines():
        status, _, name = line.partition("\t")
        if line.startswith("\0"):
            commit = line[1:].strip()
        elif status == "A" and name.strip() and commit:
            commits[(where / name.strip()).resolve()] = commit  # (newest first: oldest wins)
        elif status == "D" and name.strip().endswith(".py") and commit:
            moving.add(commit)
    return _Added(commits, frozenset(roots.stdout.split()), frozenset(moving))
