"""How young was the table? Evidence for (or against) a rule on young tables (issue 19, h19r).

    python tests/dbkit/review/evaluation/young_tables.py [--errors DIR ...]

The largest kind of false error left on the held-out rounds is a NOT NULL added to, or a
drop or DELETE on, a table created a revision or a few days before and written by no
revision: empty in practice, but only the application's history says so (ironic
``dbefd6bdaa2c``, a table the service fills at start-up, is the true error of that shape).
This reads every labelled error of ``not-null-without-backfill`` and ``data-dropped``
(``*/errors-read.tsv``, ``*/errors-after.tsv``; the latest label of each), finds its table,
the revision that created it, whether any revision since wrote it, and the gap between the
two revisions' own ``Create Date:``, then counts, for each candidate rule, the errors it
would turn into warnings by label (T, F, F-empty, ?). With ``--errors DIR`` (folders holding
a fresh ``errors.tsv`` of review_eval.py), only the errors still reported there count.
Clones are looked up under /work/chains-*/<owner>+<name> (``--roots`` to change).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
import tomllib
from collections import Counter, defaultdict
from functools import partial
from pathlib import Path

from dbkit.review import collect_named
from dbkit.review.chain import Chain

HERE = Path(__file__).resolve().parent
RULES = ("not-null-without-backfill", "data-dropped")
DATE = re.compile(r"Create Date:\s*(\d{4}-\d{2}-\d{2})")


def labels() -> dict[tuple[str, str, int, str], tuple[str, str]]:
    """(repository, file, line, rule) -> (label, split); errors-after.tsv read last."""
    found: dict[tuple[str, str, int, str], tuple[str, str]] = {}
    for name in ("errors-read.tsv", "errors-after.tsv"):
        for path in sorted(HERE.glob(f"*/{name}")):
            with path.open(newline="") as fh:
                for row in csv.reader(fh, delimiter="\t"):
                    if len(row) > 4 and not row[0].startswith("#") and row[4] in RULES:
                        found[(row[1], row[2], int(row[3]), row[4])] = (row[0], path.parent.name)
    return found


def still_reported(folders: list[str]) -> set[tuple[str, str, int, str]]:
    kept = set()
    for folder in folders:
        with (Path(folder) / "errors.tsv").open(newline="") as fh:
            for row in csv.reader(fh, delimiter="\t"):  # label (empty), chain, file, line, rule
                if len(row) > 4 and not row[0].startswith("#"):
                    kept.add((row[1], row[2], int(row[3]), row[4]))
    return kept


class Chains:
    def __init__(self, roots: list[Path]) -> None:
        self.roots = roots
        self.paths = {c["repo"]: c["paths"] for c in
                      tomllib.loads((HERE / "chains.toml").read_text())["chain"]}
        self.cache: dict[str, list[tuple[Path, Chain]]] = {}

    def of(self, repo: str) -> list[tuple[Path, Chain]]:
        if repo not in self.cache:
            clone = next((r / repo.replace("/", "+") for r in self.roots
                          if (r / repo.replace("/", "+")).is_dir()), None)
            found = []
            for sub in self.paths.get(repo, ["."]) if clone else []:
                for _, revisions, _ in collect_named(str(clone / sub)):
                    found.append((clone, Chain(revisions)))
            self.cache[repo] = found
        return self.cache[repo]


def _date(path: Path) -> dt.date | None:
    match = DATE.search(path.read_text(errors="replace"))
    return dt.date.fromisoformat(match.group(1)) if match else None


def _bare(table: str | None) -> str:
    return (table or "").rpartition(".")[2].lower()


def nearest_maker(chain: Chain, rev, makes) -> tuple | None:  # noqa: ANN001
    """Walking down from ``rev``, parents first: (the nearest earlier revision one of whose
    ops ``makes``, the revisions passed on the way, whether it is a parent of ``rev``); None
    when no earlier revision does (shared with same_commit.py)."""
    seen, todo, between = {rev.name}, [rev], []
    while todo:
        current = todo.pop(0)
        for parent in current.down_revision or ():
            earlier = chain.by_id.get(parent)
            if earlier is None or earlier.name in seen:
                continue
            seen.add(earlier.name)
            if any(makes(o) for o in earlier.upgrade):
                return earlier, between, current is rev
            between.append(earlier)
            todo.append(earlier)
    return None


def features(chain: Chain, rev, line: int) -> dict | None:  # noqa: ANN001
    op = next((o for o in rev.upgrade if o.line <= line <= o.end_line and o.table), None)
    if op is None:
        return None
    table = _bare(op.table)
    made = [o for o in rev.upgrade if o.seq < op.seq and o.name == "create_table"
            and _bare(o.table) == table]
    if made:
        return {"creator": "same revision"}
    found = nearest_maker(chain, rev, lambda o: o.name == "create_table" and _bare(o.table) == table)
    if found is None:
        return {"creator": None}
    creator, between, parent = found
    written = any(_writes(o, table) for r in between + [creator] for o in r.upgrade) or any(
        _writes(o, table) for o in rev.upgrade if o.seq < op.seq)
    a, b = _date(creator.path), _date(rev.path)
    return {"creator": creator.name, "root": not creator.down_revision, "parent": parent,
            "between": len(between), "written": written,
            "gap": (b - a).days if a and b else None}


def _writes(op, table: str) -> bool:  # noqa: ANN001
    if op.name in ("insert", "backfill"):
        return any(_bare(t) == table for t, _ in op.writes) or _bare(op.table) == table
    if op.name in ("opaque", "execute"):
        return op.mentions is None or table in op.mentions
    return False


def _dated(found: dict, most: int, parent: bool = False) -> bool:
    return (found["parent"] or not parent) and found["gap"] is not None \
        and found["gap"] <= most and not found["written"]


CANDIDATES = {
    "created by the parent, unwritten": lambda f: f["parent"] and not f["written"],
    "created by the parent (not the first revision), unwritten": lambda f: f["parent"]
    and not f["written"] and not f["root"],
    "at most 3 revisions between, unwritten": lambda f: f["between"] <= 3 and not f["written"],
    **{f"Create Date gap <= {d} d, unwritten": partial(_dated, most=d)
       for d in (0, 1, 3, 7, 14, 30)},
    **{f"parent and gap <= {d} d, unwritten": partial(_dated, most=d, parent=True)
       for d in (1, 3, 7)},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", nargs="*", default=[])
    parser.add_argument("--roots", nargs="*", default=sorted(Path("/work").glob("chains-*")))
    parser.add_argument("--list", action="store_true", help="print each error's features")
    args = parser.parse_args()
    chains = Chains([Path(r) for r in args.roots])
    kept = still_reported(args.errors) if args.errors else None
    counts: dict[str, Counter] = defaultdict(Counter)
    for (repo, file, line, rule), (label, split) in sorted(labels().items()):
        if kept is not None and (repo, file, line, rule) not in kept:
            continue
        found = None
        for clone, chain in chains.of(repo):
            rev = next((r for r in chain.revisions if r.path.resolve() == (clone / file)
                        .resolve()), None)
            if rev is not None:
                found = features(chain, rev, line)
                break
        if found is None and not any(r.path.resolve() == (c / file).resolve()
                                     for c, ch in chains.of(repo) for r in ch.revisions):
            counts["not found here (clone or file)"][label] += 1
            continue
        counts["all"][label] += 1
        if not found or not found.get("creator") or found["creator"] == "same revision":
            counts["table not made by an earlier revision (or not found)"][label] += 1
            continue
        for name, test in CANDIDATES.items():
            if test(found):
                counts[name][label] += 1
                counts[f"{name} [{rule}]"][label] += 1
        if args.list:
            print(label, split, repo, file, line, rule, found, sep="\t")
    for name, c in sorted(counts.items()):
        print(f"{name}: " + ", ".join(f"{k} {c[k]}" for k in ("T", "F", "F-empty", "?")
                                        if c[k]), file=sys.stdout)


if __name__ == "__main__":
    main()
