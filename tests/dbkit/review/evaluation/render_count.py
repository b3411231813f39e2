"""How many revisions of each chain render to SQL for squawk, and why the others do not.

Run by hand over fetched chains (CI cannot fetch), with the reviewer of ``--project``:

    python tests/dbkit/review/evaluation/render_count.py /tmp/chains [--project DIR] [--python PY]

One line per chain (rendered / revisions), the total, and the most common reasons a revision
was not rendered (first line of the error, numbers and names kept).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[4]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", help="folder holding one clone per chain (<owner>+<name>)")
    parser.add_argument("--project", default=str(PROJECT), help="the dbkit to measure")
    parser.add_argument("--python", help="render with this interpreter (review --python)")
    parser.add_argument("--only", nargs="*", help="these chains (folder names) only")
    args = parser.parse_args()
    sys.path.insert(0, args.project)
    from dbkit.review import render
    from dbkit.review.run.chain import read_chain

    if args.python:
        render.use_python(Path(args.python))
    total, done, reasons = 0, 0, Counter()
    for clone in sorted(Path(args.root).iterdir()):
        if args.only and clone.name not in args.only:
            continue
        try:
            paths = [step.path for step in read_chain(clone)]
        except Exception as exc:  # noqa: BLE001  (a chain we cannot read: say so, go on)
            print(f"{clone.name:<32} not read: {exc}")
            continue
        results = render.render_upgrades(paths, total_timeout_s=10.0 * len(paths) + 60)
        rendered = sum(not isinstance(r, render.NotRendered) for r in results.values())
        for r in results.values():
            if isinstance(r, render.NotRendered):
                reasons[r.reason.splitlines()[0][:90]] += 1
        total, done = total + len(paths), done + rendered
        print(f"{clone.name:<32} {rendered:>4} of {len(paths):>4} rendered", flush=True)
    print(f"{'total':<32} {done:>4} of {total:>4} rendered")
    for reason, count in reasons.most_common(12):
        print(f"  {count:>4}  {reason}")


if __name__ == "__main__":
    main()
