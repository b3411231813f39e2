"""``python -m dbkit review [PATH ...]``: argument parsing and printing only."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from dbkit import project, sandbox
from dbkit.cli import review_run
from dbkit.cli.report_error import ExitCode
from dbkit.review import RULES, docs, review_paths
from dbkit.review.findings import ERROR
from dbkit.review.output import FORMATS


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dbkit review",
        description="Review Alembic / Flask-Migrate migrations: renames done as drop + add, "
                    "NOT NULL without backfill, dropped data, unnamed constraints, a broken "
                    "chain, missing downgrades, and squawk's lock-safety rules.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="a migration file, a versions folder, an alembic.ini or a "
                             "repository (default: the working folder's chain, else this "
                             "repository's)")
    parser.add_argument("--format", choices=(*FORMATS, "markdown", "csv"), default="text",
                        help="how to print the findings: text, json, sarif (GitHub code "
                             "scanning), github (workflow annotations); markdown: with "
                             "--list-rules or --class; csv: with --class")
    parser.add_argument("--no-squawk", action="store_true",
                        help="skip rendering SQL and squawk's lock-safety rules (faster)")
    parser.add_argument("--diff-base", metavar="REF",
                        help="report only on revisions added or changed since this git ref "
                             "(each still judged against its whole chain)")
    parser.add_argument("--list-rules", action="store_true",
                        help="print the rules (id, severity, summary) and exit")
    parser.add_argument("--write-docs", metavar="FOLDER",
                        help="write the rule pages generated from the rules (docs/review)")
    parser.add_argument("--unsafe-no-sandbox", action="store_true",
                        help="where bubblewrap (bwrap) is missing, run the learners' code "
                             "anyway, in a plain process without namespaces (trusted code only)")
    review_run.add_arguments(parser)
    args = parser.parse_args(argv)
    sandbox.allow_unsafe(args.unsafe_no_sandbox)
    review_run.use_python(args)
    if args.list_rules:
        print(list_rules(args.format))
        return ExitCode.OK
    if args.write_docs:
        for path in docs.write(Path(args.write_docs)):
            print(path)
        return ExitCode.OK
    if args.run or args.class_ or args.merge or args.shard:
        return review_run.dispatch(args, args.paths or default_paths())
    if args.format == "markdown":
        parser.error("--format markdown goes with --list-rules")
    if args.format == "csv":
        parser.error("--format csv goes with --class")
    paths = args.paths or default_paths()
    reviewed: list[tuple[str, int]] = []
    findings, count = review_paths(paths, sql=not args.no_squawk, diff_base=args.diff_base,
                                   reviewed=reviewed)
    if len(reviewed) > 1 and args.format == "text":  # several chains: name each
        for name, revisions in reviewed:
            print(f"chain {name}: {revisions} revision{'s' * (revisions != 1)}", file=sys.stderr)
    code = 1 if any(f.severity == ERROR for f in findings) else 0
    try:
        print(FORMATS[args.format](findings, count), flush=True)
    except BrokenPipeError:  # `... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return code


def default_paths() -> list[str]:
    """The chain in use: the working folder's (an installed dbkit in any project), else, inside
    the exercise repository but away from an alembic.ini, the repository's own."""
    root = project.exercise_repository()
    if root is None or (Path.cwd() / project.INI_NAME).is_file():
        return ["."]
    return [os.path.relpath(root / "migrations" / "versions")]


def list_rules(format: str) -> str:
    if format == "markdown":
        return docs.rules_table()
    if format == "json":
        return json.dumps([{"id": docs.shown_id(r), "severity": r.severity, "summary": r.summary}
                           for r in RULES.values()], indent=2)
    width = max(len(docs.shown_id(r)) for r in RULES.values())
    return "\n".join(f"{docs.shown_id(r):<{width}}  {r.severity:<7}  {r.summary}"
                     for r in RULES.values())
