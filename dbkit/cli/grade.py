"""``python -m dbkit grade PATH`` and ``grade --class DIR_OR_FILE``: argparse and printing only."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from dbkit.errors import ConfigError

FORMATS = ("text", "markdown", "csv", "json")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dbkit grade",
        description="Grade learners' repositories against the brief of 'Database migrations "
                    "with SQLAlchemy': each check pass, fail or unclear, with its evidence. "
                    "Each chain runs on a throwaway PostgreSQL, in the sandbox, with rows.")
    parser.add_argument("path", nargs="?", metavar="PATH",
                        help="a learner's repository (or the folder of its chain)")
    parser.add_argument("--class", dest="class_", metavar="DIR_OR_FILE",
                        help="grade a class: a folder of clones, or a file listing their paths")
    parser.add_argument("--merge", nargs="+", metavar="JSON",
                        help="put together the JSON of several --class --shard runs")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text (default), markdown or csv (with --class), json")
    parser.add_argument("--html", metavar="FILE",
                        help="with --class or --merge: also write one HTML page")
    parser.add_argument("--jobs", type=int, default=2,
                        help="with --class: repositories graded at once (default 2)")
    parser.add_argument("--shard", metavar="K/N",
                        help="with --class: grade every N-th learner from the K-th (1-based)")
    parser.add_argument("--commits", type=int, default=5, metavar="N",
                        help="commits-often passes at N commits touching the chain or the "
                             "models (default 5)")
    parser.add_argument("--brief", action="store_true",
                        help="one line per check, without the evidence (one repository)")
    args = parser.parse_args(argv)
    chosen = [x for x in (args.path, args.class_, args.merge) if x]
    if len(chosen) != 1:
        parser.error("give one of PATH, --class DIR_OR_FILE or --merge JSON ...")
    if args.commits < 1:
        raise ConfigError(f"--commits {args.commits}: give a number of commits, 1 or more")
    if args.jobs < 1:
        raise ConfigError(f"--jobs {args.jobs}: give 1 or more")
    if args.path:
        if args.html or args.shard:
            parser.error("--html and --shard go with --class")
        if args.format in ("markdown", "csv"):
            parser.error(f"--format {args.format} goes with --class")
        return grade_one(args)
    return grade_many(args)


def grade_one(args: argparse.Namespace) -> int:
    from dbkit.grade import FAIL, grade_repository
    from dbkit.grade import report as reports
    from dbkit.pg.server import throwaway_server

    path = Path(args.path)
    if not path.is_dir():
        raise ConfigError(f"{args.path} is not a folder: give a learner's repository")
    server = throwaway_server()
    try:
        grade = grade_repository(path, server, commits_threshold=args.commits)
    finally:
        server.remove()
    if args.format == "json":
        print(reports.grade_json(grade))
    else:
        print(reports.grade_text(grade, evidence=not args.brief))
    return 1 if any(c.verdict == FAIL for c in grade.checks) else 0


def grade_many(args: argparse.Namespace) -> int:
    from dbkit.grade import classroom
    from dbkit.grade import report as reports

    if args.merge:
        result = classroom.merge([Path(f) for f in args.merge])
    else:
        shard = _shard(args.shard) if args.shard else None
        with _Progress(sys.stderr.isatty()) as progress:
            result = classroom.grade_class(Path(args.class_), jobs=args.jobs,
                                           commits_threshold=args.commits, shard=shard,
                                           on_done=progress.advance)
    print({"json": reports.class_json, "markdown": reports.class_markdown,
           "csv": reports.class_csv}.get(args.format, reports.class_text)(result))
    if args.html:
        Path(args.html).write_text(reports.class_html(result), encoding="utf-8")
        print(f"wrote {args.html}", file=sys.stderr)
    return 0


def _shard(value: str) -> tuple[int, int]:
    try:
        k, n = (int(x) for x in value.split("/"))
    except ValueError:
        raise ConfigError(f"--shard {value}: write it K/N, e.g. 1/3") from None
    if not 1 <= k <= n:
        raise ConfigError(f"--shard {value}: K is a number from 1 to N")
    return k, n


class _Progress:
    """A rich progress bar on stderr (when it is a terminal), or nothing."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress

            self.progress = Progress(console=Console(stderr=True), transient=True)
            self.progress.start()
            self.task = self.progress.add_task("grading", total=None)
        return self

    def advance(self, name: str) -> None:
        if self.enabled:
            self.progress.update(self.task, advance=1, description=f"graded {name}")

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.progress.stop()
