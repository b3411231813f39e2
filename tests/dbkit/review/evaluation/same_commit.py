"""Did the table come into the repository with the revision that drops it? (issue 19, h25young)

    python tests/dbkit/review/evaluation/same_commit.py [--errors DIR ...] [--list]

The largest kind of false error at first contact (held-out24, labelled F-empty): a
drop, a rename read as drop and add, or a NOT NULL on a table or column that an earlier
revision made, where both revision files were added to the repository by the same git
commit. A database upgraded from the repository runs both in one ``alembic upgrade``, so
unless a revision between them writes the table, it holds no rows there; only the
author's own database, upgraded to the first before that commit, could. Counter-evidence:
a root commit, or the commit that adds the chain's first revisions (a history that starts
with a chain written and deployed elsewhere), proves nothing.

This reads every labelled error of the three rules (``*/errors-read.tsv``,
``*/errors-after.tsv``; the latest label of each), finds the revision that made its table
or column (walking down the chain, the nearest ``create_table`` of the table or
``add_column`` of the column), the commit that added each of the two files (``git log
--diff-filter=A`` at that path: ``--follow`` takes a new revision file for a copy of an
older, similar one) and counts by label (T, F, F-empty, ?) the candidates below.
Clones are looked up under /work/chains-*/<owner>+<name> (``--roots`` to change).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import young_tables
from young_tables import Chains, _bare, _writes, labels, nearest_maker, still_reported

RULES = ("not-null-without-backfill", "data-dropped", "rename-as-drop-add")
GIT = ["git", "--no-pager", "-c", "core.fsmonitor=", "-c", "log.showSignature=false"]


@cache
def added_by(clone: Path, path: Path) -> str | None:
    """The commit that first added the file at this path, or None. Not ``--follow``: its
    rename detection takes a new revision file for a copy of an older, similar one."""
    try:
        out = subprocess.run([*GIT, "-C", str(clone), "log", "--diff-filter=A", "--no-renames",
                              "--format=%H", "--", str(path.resolve().relative_to(clone.resolve()))],
                             capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    lines = out.split()
    return lines[-1] if lines else None


@cache
def roots(clone: Path) -> frozenset[str]:
    out = subprocess.run([*GIT, "-C", str(clone), "rev-list", "--max-parents=0", "HEAD"],
                         capture_output=True, text=True, timeout=60).stdout
    return frozenset(out.split())


def _makes(op, table: str, column: str | None) -> bool:  # noqa: ANN001
    if _bare(op.table) != table:
        return False
    if op.name == "create_table":
        return True
    return column is not None and op.name == "add_column" and (op.column or "").lower() == column


def features(chain, rev, line: int) -> dict | None:  # noqa: ANN001
    op = next((o for o in rev.upgrade if o.line <= line <= o.end_line and o.table), None)
    if op is None:
        return None
    table, column = _bare(op.table), (op.column or "").lower() or None
    if any(o.seq < op.seq and _makes(o, table, column) for o in rev.upgrade):
        return {"maker": "same revision"}
    found = nearest_maker(chain, rev, lambda o: _makes(o, table, column))
    if found is None:
        return {"maker": None}
    earlier, between, _ = found
    mine = [o for o in earlier.upgrade if _makes(o, table, column)][-1]
    written = any(_writes(o, table) for r in between for o in r.upgrade) or any(
        _writes(o, table) for o in earlier.upgrade if o.seq > mine.seq) or any(
        _writes(o, table) for o in rev.upgrade if o.seq < op.seq)
    fresh = mine.name == "create_table" and not mine.if_not_exists and not any(
        o.name == "create_table" and _bare(o.table) == table
        for r in chain.revisions if r is not earlier for o in r.upgrade)
    return {"maker": earlier, "between": len(between), "written": written, "fresh": fresh}


def first_commits(clone: Path, chain) -> frozenset[str]:  # noqa: ANN001
    """The commits that added the chain's first revisions (those with no down_revision)."""
    return frozenset(c for r in chain.revisions if not r.down_revision
                     if (c := added_by(clone, r.path)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", nargs="*", default=[])
    parser.add_argument("--roots", nargs="*", default=sorted(Path("/work").glob("chains-*")))
    parser.add_argument("--list", action="store_true", help="print each error of the same commit")
    args = parser.parse_args()
    chains = Chains([Path(r) for r in args.roots])
    kept = still_reported(args.errors) if args.errors else None
    counts: dict[str, Counter] = defaultdict(Counter)
    young_tables.RULES = RULES  # labels() reads the three rules
    for (repo, file, line, rule), (label, split) in sorted(labels().items()):
        if kept is not None and (repo, file, line, rule) not in kept:
            continue
        hit = next(((clone, chain, r) for clone, chain in chains.of(repo) for r in chain.revisions
                    if r.path.resolve() == (clone / file).resolve()), None)
        if hit is None:
            counts["not found here (clone or file)"][label] += 1
            continue
        clone, chain, rev = hit
        counts["all"][label] += 1
        found = features(chain, rev, line)
        if not found or found.get("maker") in (None, "same revision"):
            counts["not made by an earlier revision (or not found)"][label] += 1
            continue
        maker = found["maker"]
        mine, theirs = added_by(clone, rev.path), added_by(clone, maker.path)
        same = mine is not None and mine == theirs
        early = same and (mine in roots(clone) or mine in first_commits(clone, chain))
        tests = {
            "1 made by an earlier revision": True,
            "2 same adding commit": same,
            "3 same commit, not root / first revisions": same and not early,
            "4 same commit, not root / first, nothing between writes": same and not early
            and not found["written"],
            "5 as 4, and the maker is the parent": same and not early
            and not found["written"] and found["between"] == 0,
            "6 as 4, and the maker made the table (plainly, the only create_table of it)": same
            and not early and not found["written"] and found["fresh"],
        }
        for name, ok in tests.items():
            if ok:
                counts[name][label] += 1
                counts[f"{name} [{rule}]"][label] += 1
        if args.list and same:
            print(label, split, repo, file, line, rule, maker.name, (mine or "")[:7],
                  "early" if early else "", "written" if found["written"] else "",
                  found["between"], "fresh" if found["fresh"] else "", sep="\t")
    for name, c in sorted(counts.items()):
        print(f"{name}: " + ", ".join(f"{k} {c[k]}" for k in ("T", "F", "F-empty", "?")
                                        if c[k]), file=sys.stdout)


if __name__ == "__main__":
    main()
