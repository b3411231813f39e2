"""``python -m dbkit bench`` and ``python -m dbkit bench review-run``: flags, the table, progress."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from dbkit import bench
from dbkit.bench import review_run
from dbkit.cli.report_error import ExitCode
from dbkit.database import PROJECT_ROOT


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["review-run"]:
        return main_review_run(argv[1:])
    args = parse_args(argv)
    rows, seed_rows = args.rows, args.seed_rows
    if args.quick:
        rows = max(1, int(rows * bench.QUICK_SCALE))
        seed_rows = max(1, int(seed_rows * bench.QUICK_SCALE))
    show_progress()
    results = bench.run(rows, seed_rows, args.repeat)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print_table(results)
    print(f"Wrote {display_path(args.output)}")
    return ExitCode.OK


def show_progress() -> None:
    """The benchmark's progress lines (logger ``dbkit.bench``) on stderr, with the time."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("bench: %(asctime)s %(message)s", "%H:%M:%S"))
    log = logging.getLogger("dbkit.bench")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m dbkit bench",
        description="Measure the migration chain on a large table in use, seeding, and the "
                    "everyday commands, on a throwaway PostgreSQL server. "
                    "`python -m dbkit bench review-run --help`: the reviewer's --run and --class.")
    parser.add_argument("--rows", type=positive_int, default=bench.DEFAULT_ROWS,
                        help=f"recruits in the migrated table (default {bench.DEFAULT_ROWS:,})")
    parser.add_argument("--seed-rows", type=positive_int, default=bench.DEFAULT_SEED_ROWS,
                        help=f"recruits to seed (default {bench.DEFAULT_SEED_ROWS:,})")
    parser.add_argument("--quick", action="store_true",
                        help=f"{bench.QUICK_SCALE:.0%}% of --rows and --seed-rows, for a smoke test")
    parser.add_argument("--repeat", type=positive_int, default=bench.DEFAULT_REPEAT,
                        help="runs of each command, the median is kept "
                             f"(default {bench.DEFAULT_REPEAT})")
    parser.add_argument("--output", type=Path, default=bench.RESULTS_PATH,
                        help=f"where to write the figures (default {display_path(bench.RESULTS_PATH)})")
    return parser.parse_args(argv)


def positive_int(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def main_review_run(argv: Sequence[str]) -> int:
    """``review --run`` of a generated chain, and optionally ``--class --run`` of N copies."""
    parser = argparse.ArgumentParser(prog="python -m dbkit bench review-run")
    parser.add_argument("--class", dest="learners", type=int, default=0, metavar="N",
                        help="also review a class of N generated repositories with --run")
    parser.add_argument("--jobs", type=positive_int, default=2)
    args = parser.parse_args(argv)
    from dbkit.pg.server import throwaway_server

    started = time.monotonic()
    server = throwaway_server()
    print(f"server up in {time.monotonic() - started:.1f} s (cpus: {os.cpu_count()}, "
          f"load: {os.getloadavg()[0]:.1f})")
    try:
        with tempfile.TemporaryDirectory(prefix="dbkit-bench-review-") as folder:
            seconds, cpu = review_run.measure_run(server, Path(folder) / "one")
            verdict = "ok" if seconds <= review_run.REVISION_TARGET_S else "OVER"
            print(f"review --run, {len(review_run.BODIES)} revisions: {seconds:.2f} s, {cpu:.2f} s "
                  f"of CPU in the reviewer and its sandbox "
                  f"(target {review_run.REVISION_TARGET_S:g} s: {verdict})")
            if args.learners:
                seconds, problems = review_run.measure_class(server, Path(folder) / "class",
                                                             args.learners, args.jobs)
                verdict = "ok" if seconds <= review_run.CLASS_TARGET_S else "OVER"
                print(f"review --class --run, {args.learners} repositories, {args.jobs} at a "
                      f"time: {seconds:.1f} s (target {review_run.CLASS_TARGET_S:g} s: {verdict}); "
                      f"{problems} could not be reviewed")
    finally:
        server.remove()
    return ExitCode.OK


def print_table(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"dbkit bench: {results['rows']:,} rows under load, "
                        f"{results['seed_rows']:,} seeded",
                  caption=f"{results['machine']}, PostgreSQL {results['postgresql']}, "
                          f"load {results['load_before'][0]} → {results['load_after'][0]}")
    table.add_column("measure", justify="left")
    table.add_column("ours", justify="right")
    table.add_column("naive / reference", justify="right")
    table.add_column("target", justify="left")
    table.add_column("met", justify="center")

    def mark(key: str) -> str:
        return {True: "[green]yes[/]", False: "[red]NO[/]"}.get(results["targets_met"].get(key), "")

    for what, key in (("upgrade head (s)", "upgrade_s"), ("client max (ms)", "client_max_ms"),
                      ("client p99 (ms)", "client_p99_ms"), ("client errors", "client_errors")):
        table.add_row(what, f"{results['safe_' + key]:,}", f"{results['naive_' + key]:,}",
                      bench.TARGETS["safe_" + key][0], mark("safe_" + key))
    table.add_row("rows intact", str(results["safe_rows_intact"]).lower(),
                  str(results["naive_rows_intact"]).lower(), "true", mark("rows_intact"))
    table.add_row("seeding (rows/s)", f"{results['seed_rows_per_s']:,}",
                  f"COPY {results['copy_rows_per_s']:,}", bench.TARGETS["seed_vs_copy"][0],
                  mark("seed_vs_copy"))
    table.add_row("", "", f"Faker() {results['faker_default_rows_per_s']:,}",
                  bench.TARGETS["seed_vs_faker"][0], mark("seed_vs_faker"))
    for what, key in (("alembic current (s)", "cmd_alembic_current_s"),
                      ("upgrade at head (s)", "cmd_upgrade_noop_s"),
                      ("dbkit drift (s)", "cmd_drift_s"),
                      ("create_c26 (s)", "cmd_seed_c26_s")):
        value = results[key]
        table.add_row(what, "not built" if value is None else f"{value}", "",
                      bench.TARGETS[key][0], mark(key))
    table.add_row(f"review, {results['review_revisions']} revisions (s)",
                  f"{results['review_static_s']}", "", bench.TARGETS["review_static_s"][0],
                  mark("review_static_s"))
    table.add_row("python start-up (s)", "", f"{results['cmd_python_startup_s']}", "", "")
    Console().print(table)
