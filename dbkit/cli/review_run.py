"""``python -m dbkit review --run PATH`` and ``--class DIR_OR_FILE``: argparse and printing.

``dbkit/cli/review.py`` calls ``add_arguments(parser)`` and, when ``args.run`` or
``args.class_`` is set, ``dispatch(args, paths)``; ``main_run(args, static)`` and
``main_class(args, static)`` take ``static(path) -> list``, the static findings of one path
(objects with ``file``, ``line``, ``rule``, ``message``, ``severity`` and ``as_json()``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit.cli.report_error import ExitCode, report
from dbkit.errors import DbkitError
from dbkit.review.findings import single_line
from dbkit.review.run.report import StaticReview, report_for

if TYPE_CHECKING:
    from dbkit.review.classroom import ClassResult


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--run", action="store_true",
                        help="also run the chain on a throwaway PostgreSQL with generated rows "
                             "(in the sandbox, as an unprivileged user) and follow every value")
    parser.add_argument("--class", dest="class_", metavar="DIR_OR_FILE",
                        help="review many repositories: a folder of clones, or a file listing "
                             "their paths; one table, a row per learner")
    parser.add_argument("--html", metavar="FILE",
                        help="with --class: also write the table as one HTML page")
    parser.add_argument("--schema", metavar="SQL_FILE|MODULE:METADATA",
                        help="with --run: the tables the chain does not create, made before "
                             "it: a schema-only SQL file (pg_dump --schema-only), or the "
                             "models' MetaData (app.models:db.metadata) whose create_all runs "
                             "in the sandbox (with --python: the project's interpreter)")
    parser.add_argument("--python", metavar="PATH",
                        help="with --run, and for rendering SQL: the project's own interpreter "
                             "(a virtualenv's bin/python, with the application and its packages "
                             "installed), mounted read-only in the sandbox, so that revisions "
                             "importing the application can run")
    parser.add_argument("--jobs", type=int, default=2,
                        help="with --class --run: repositories run at once (default 2)")
    parser.add_argument("--shard", metavar="I/N",
                        help="with --class: review only slice I of N (every Nth repository "
                             "from the Ith), for one machine of many; --format json, then --merge")
    parser.add_argument("--merge", nargs="+", metavar="JSON",
                        help="one table (text, markdown, csv, json; --html) from the JSON "
                             "that the --class --shard runs printed")


def main_run(args: argparse.Namespace, static: StaticReview) -> int:
    """Review each path statically and by running it; print; the exit code."""
    from dbkit.pg.server import throwaway_server
    from dbkit.review.run import check_python, is_models_target, run_chain

    schema: Path | str | None = getattr(args, "schema", None)
    if schema is not None and not is_models_target(schema):
        schema = Path(schema)
        if not schema.is_file():
            raise DbkitError(f"--schema {schema}: no such file (nor a module:attribute naming "
                             "the models' MetaData)")
    python = getattr(args, "python_env", None)
    if python is None and getattr(args, "python", None):
        python = check_python(args.python)
    server = throwaway_server()
    try:
        reports = [report_for(path, static, run_chain(Path(path), server, schema=schema,
                                                      python=python))
                   for path in args.paths]
    finally:
        server.remove()
    if args.format == "json":
        print(json.dumps(reports if len(reports) != 1 else reports[0], indent=2))
    else:
        print("\n\n".join(format_text(r) for r in reports))
    return ExitCode.FOUND if any(r["errors"] for r in reports) else ExitCode.OK


def format_text(report: dict) -> str:
    run = report["run"]
    lines = [f"{single_line(report['path'])}: {ran_summary(run['revisions'])}",
             f"  (in {run['seconds']:.1f} s; their code ran as {run['runs_as']}, connected as an "
             "unprivileged database role)"]
    for step in run["revisions"]:
        rows = sum(step["rows_before"].values())
        upgrade = {"ok": f"upgrade ok on {rows} rows", "not-run": "not run",
                   "failed": "upgrade FAILS",
                   "fails-on-populated-table": "upgrade FAILS on tables with rows"}[step["upgrade"]]
        downgrade = {"gives-values-back": "downgrade gives the values back",
                     "loses-values": "downgrade LOSES values", "failed": "downgrade FAILS",
                     "not-run": "downgrade not run"}[step["downgrade"]]
        lines.append(f"  {single_line(Path(step['file']).name):<44} {upgrade:<34} {downgrade}")
        for v in step["values"]:
            if v["kind"] != "survived":
                where = f" -> {v['where']}" if v["where"] else ""
                lines.append(f"      {v['kind']:<8} {v['table']}.{v['column']}{where} "
                             f"({v['kept'] if v['kind'] != 'lost' else v['values'] - v['kept']}"
                             f" of {v['values']} values)")
        if step["error"] and step["upgrade"] != "ok":
            lines.append(f"      {single_line(step['error'])}")
    for note in run["notes"]:
        lines.append(f"  note: {note}")
    lines.append("")
    for f in sorted(report["findings"], key=lambda f: (f["file"], f["line"], f["rule"])):
        lines.append(f"  {single_line(f['file'])}:{f['line']}  {f['severity']:<7}  {f['rule']}: "
                     f"{single_line(f['message'])}")
        if "confirmed" in f:
            mark = {True: "confirmed by the run", False: "the run shows the data kept",
                    None: "not reached by the run"}[f["confirmed"]]
            lines.append(f"        {mark}: {single_line(str(f['reason']))}")
    errors, warnings = report["errors"], report["warnings"]
    lines.append(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return "\n".join(lines)


def ran_summary(revisions: list[dict]) -> str:
    """``ran 3 of 40 revisions; 37 not run, because ...``: what really ran, and why not the rest."""
    ran = sum(step["upgrade"] in ("ok", "fails-on-populated-table") for step in revisions)
    line = f"ran {ran} of {len(revisions)} revision{'s' * (len(revisions) != 1)}"
    not_run = [step for step in revisions if step["upgrade"] == "not-run"]
    why = next((step["error"] for step in not_run
                if (step["error"] or "").startswith("not run, because")
                and " was not run" not in step["error"]), None)
    if not_run and why:
        line += f"; {len(not_run)} not run, because {why[len('not run, because '):]}"
    elif not_run:
        line += f"; {len(not_run)} not run"
    return single_line(line)


def main_class(args: argparse.Namespace, static: StaticReview) -> int:
    from dbkit.review import classroom

    shard = classroom.parse_shard(args.shard) if getattr(args, "shard", None) else None
    result = classroom.review_class(Path(args.class_), static, run=args.run, jobs=args.jobs,
                                    progress=sys.stderr.isatty(), shard=shard)
    return print_class(args, result)


def main_merge(args: argparse.Namespace) -> int:
    """``--merge a.json b.json ...``: the shards' JSON, one table (and --html page)."""
    from dbkit.review import classroom

    parts = []
    for name in args.merge:
        try:
            parts.append(json.loads(Path(name).read_text(encoding="utf-8")))
        except OSError as exc:
            raise DbkitError(f"--merge: cannot read {name}: {exc.strerror}") from None
        except ValueError:
            raise DbkitError(f"--merge: {name} is not the JSON of `review --class "
                             "--format json`") from None
        if not isinstance(parts[-1], dict) or not isinstance(parts[-1].get("learners"), list):
            raise DbkitError(f"--merge: {name} is not the JSON of `review --class "
                             "--format json`")
    return print_class(args, classroom.merge(parts))


def print_class(args: argparse.Namespace, result: ClassResult) -> int:
    from dbkit.review import classroom

    fmt = getattr(args, "format", "text")
    print({"json": classroom.as_json, "markdown": classroom.as_markdown,
           "csv": classroom.as_csv}.get(fmt, classroom.as_text)(result))
    if args.html:
        Path(args.html).write_text(classroom.as_html(result), encoding="utf-8")
        print(f"wrote {args.html}", file=sys.stderr)
    return ExitCode.OK


def static_findings(path: str, sql: bool = True) -> list:
    """The static reviewer's findings for one path."""
    from dbkit.review import review_paths

    return review_paths([path], sql=sql)[0]


def use_python(args: argparse.Namespace) -> None:
    """``--python PATH``: checked before anything runs (one line, exit 2, nothing run), then
    used to render every revision's SQL and, with ``--run``, to run the chain."""
    if not getattr(args, "python", None):
        return
    from dbkit.review import render
    from dbkit.review.run import check_python, prepend_paths

    if getattr(args, "class_", None) or getattr(args, "merge", None):
        raise DbkitError("--python is one project's interpreter: give it without --class or "
                         "--merge")
    args.python_env = check_python(args.python, driver=bool(getattr(args, "run", False)))
    folders = [folder for path in (getattr(args, "paths", None) or ["."])
               for folder in prepend_paths(Path(path))]
    render.use_python(args.python_env.path, folders)


def dispatch(args: argparse.Namespace, paths: list[str]) -> int:
    """``dbkit/cli/review.py`` hands over here when ``--run`` or ``--class`` is given."""
    def static(path: str) -> list:
        return static_findings(path, sql=not args.no_squawk)

    if getattr(args, "merge", None):
        if args.class_ or args.run:
            raise DbkitError("--merge puts shards' JSON together: give it without --class or --run")
        return main_merge(args)
    if getattr(args, "shard", None) and not args.class_:
        raise DbkitError("--shard goes with --class")
    if args.class_:
        return main_class(args, static)
    args.paths = paths
    if args.format not in ("text", "json"):
        raise DbkitError(f"--run prints text or json, not {args.format}")
    return main_run(args, static)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dbkit.cli.review_run``: the same as ``python -m dbkit review --run/--class``."""
    parser = argparse.ArgumentParser(prog="python -m dbkit.cli.review_run")
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--format", choices=("text", "json", "markdown", "csv"), default="text")
    parser.add_argument("--no-squawk", action="store_true")
    add_arguments(parser)
    args = parser.parse_args(argv)
    if not args.paths and not args.class_ and not args.merge:
        parser.error("give a PATH to run")
    try:
        return dispatch(args, args.paths)
    except DbkitError as exc:
        return report(exc)


if __name__ == "__main__":
    sys.exit(main())
