"""Score a fresh run against the labels read on an earlier one (by hand; CI cannot fetch).

    python tests/dbkit/review/evaluation/review_eval.py errors ROOT --split S --out DIR
    python tests/dbkit/review/evaluation/review_eval.py drops  ROOT --split S --out DIR
    python tests/dbkit/review/evaluation/carry_labels.py DIR --split S [--list]

``review_eval.py score`` reads a labels file as it was written: its errors and its
``flagged`` column are those of the run that was read. This carries the labels of
``<split>/errors-read.tsv`` (and ``errors-after.tsv``) onto DIR/errors.tsv, matching chain,
file, line, rule and message (or, when the message was reworded, chain, file, line and
rule), and the labels of ``drops-read.tsv`` (and ``drops-after.tsv``) onto DIR/drops.tsv,
whose ``flagged`` column is the fresh run's. It prints, per split: the errors by label
(``?``: the readers left it undecided; ``NOT READ``: new since) and the losses read (``lost`` or
``fails-unless-filled``) with and without an error now. ``--list`` names each error labelled
F, ? or not read, and each loss without an error.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOSSES = ("lost", "fails-unless-filled")


def _rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    with path.open(newline="") as fh:
        return [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]


def _message(text: str) -> str:
    return " ".join(text.split())


def error_labels(split: str) -> dict[tuple[str, ...], str]:
    labels: dict[tuple[str, ...], str] = {}
    for name in ("errors-read.tsv", "errors-after.tsv"):
        for r in _rows(HERE / split / name):
            if r[0].strip() and len(r) > 5:
                labels.setdefault((r[1], r[2], r[3], r[4], _message(r[5])), r[0].strip())
                labels.setdefault((r[1], r[2], r[3], r[4]), r[0].strip())
    return labels


def drop_labels(split: str) -> dict[tuple[str, ...], str]:
    labels: dict[tuple[str, ...], str] = {}
    for name in ("drops-read.tsv", "drops-after.tsv"):
        for r in _rows(HERE / split / name):
            if r[0].strip() and len(r) > 5:
                labels.setdefault((r[1], r[2], r[3], r[4], r[5]), r[0].strip())
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="the --out folder of review_eval.py errors and drops")
    parser.add_argument("--split", required=True)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    out = Path(args.out)
    labels = error_labels(args.split)
    errors: Counter = Counter()
    listed = []
    for r in _rows(out / "errors.tsv"):
        label = (labels.get((r[1], r[2], r[3], r[4], _message(r[5])))
                 or labels.get((r[1], r[2], r[3], r[4])) or "not read").upper()
        errors[label] += 1
        if label in ("F", "?", "NOT READ"):
            listed.append(f"  {label} {r[1]} {r[2]}:{r[3]} {r[4]}: {r[5][:120]}")
    losses: Counter = Counter()
    dropped = drop_labels(args.split)
    for r in _rows(out / "drops.tsv"):
        label = dropped.get((r[1], r[2], r[3], r[4], r[5]))
        if label in LOSSES:
            flagged = r[6].startswith("flagged")
            losses["with an error" if flagged else "without"] += 1
            if not flagged:
                listed.append(f"  loss without an error: {r[1]} {r[2]}:{r[3]} {r[4]} {r[5]}")
        else:
            losses[label or "not read"] += 1
    print(f"{args.split}: errors {sum(errors.values())} ("
          + ", ".join(f"{k} {v}" for k, v in sorted(errors.items())) + "); losses read "
          f"{losses['with an error'] + losses['without']}: {losses['with an error']} with an "
          f"error, {losses['without']} without (kept {losses['kept']}, not read "
          f"{losses['not read']})")
    if args.list:
        print("\n".join(listed))


if __name__ == "__main__":
    main()
