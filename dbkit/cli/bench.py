"""``python -m dbkit bench`` (flags, the table, progress, the plot) and ``bench grade``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from dbkit import bench
from dbkit.cli.report_error import ExitCode
from dbkit.database import PROJECT_ROOT

PLOT_PATH = PROJECT_ROOT / "bench" / "latency"
QUICK_CLASS_SIZE = 2
QUICK_IDLE_S = 3.0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["grade"]:
        return main_grade(argv[1:])
    if argv[:1] == ["seed"]:
        return main_seed(argv[1:])
    if argv[:1] == ["upgrade"]:
        return main_upgrade(argv[1:])
    args = parse_args(argv)
    sizes, seed_rows, class_size, idle_s = args.rows, args.seed_rows, args.class_size, bench.IDLE_S
    repeat = args.repeat
    if args.quick:  # the largest size at 10%, a short idle phase, a small class, commands once
        sizes = [max(1, int(max(sizes) * bench.QUICK_SCALE))]
        seed_rows = max(1, int(seed_rows * bench.QUICK_SCALE))
        class_size, idle_s, repeat = min(class_size, QUICK_CLASS_SIZE), QUICK_IDLE_S, 1
    show_progress()
    results = bench.run(sizes, seed_rows, repeat, class_size=class_size, idle_s=idle_s)
    _write_output(results, args.output)
    print_table(results)
    print(f"Wrote {display_path(args.output)}")
    if args.plot:
        try:
            from dbkit.bench import plot
        except ImportError as exc:  # matplotlib is a benchmark-only dependency
            print(f"no plot: {exc.name} is not installed "
                  "(`make bench` installs requirements-bench.txt)", file=sys.stderr)
        else:
            for path in plot.write(results, args.plot):
                print(f"Wrote {display_path(path)}")
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
        description="Measure the migration chain on a large table in use (with the same clients "
                    "idle as the floor), seeding, the everyday commands and the reviewer, on "
                    "throwaway PostgreSQL servers; figures to bench/results.json, a plot.")
    parser.add_argument("--rows", type=sizes_arg, default=list(bench.DEFAULT_SIZES),
                        metavar="N[,N...]",
                        help="recruits in the migrated table, one size or several separated "
                             "by commas (default "
                             f"{','.join(str(n) for n in bench.DEFAULT_SIZES)})")
    parser.add_argument("--seed-rows", type=positive_int, default=bench.DEFAULT_SEED_ROWS,
                        help=f"recruits to seed (default {bench.DEFAULT_SEED_ROWS:,})")
    parser.add_argument("--quick", action="store_true",
                        help=f"the largest --rows and --seed-rows at {bench.QUICK_SCALE:.0%}%, "
                             f"{QUICK_IDLE_S:g} s idle, a class of {QUICK_CLASS_SIZE}, each command "
                             "once: a smoke test")
    parser.add_argument("--class-size", type=int, default=bench.CLASS_SIZE, metavar="N",
                        help="repositories in the timed `review --class --run` (0: skip it; "
                             f"default {bench.CLASS_SIZE})")
    parser.add_argument("--plot", type=Path, default=PLOT_PATH, metavar="PATH",
                        help="where to draw the plot, PATH.png and PATH.svg (default "
                             f"{display_path(PLOT_PATH)}); needs requirements-bench.txt")
    parser.add_argument("--no-plot", dest="plot", action="store_const", const=None,
                        help="draw no plot")
    parser.add_argument("--repeat", type=positive_int, default=bench.DEFAULT_REPEAT,
                        help="runs of each command, the median is kept "
                             f"(default {bench.DEFAULT_REPEAT})")
    parser.add_argument("--output", type=Path, default=bench.RESULTS_PATH,
                        help=f"where to write the figures (default {display_path(bench.RESULTS_PATH)})")
    return parser.parse_args(argv)


def sizes_arg(text: str) -> list[int]:
    return [positive_int(part) for part in text.split(",") if part.strip()] or [positive_int("")]


def positive_int(text: str) -> int:
    try:
        value = int(text.strip().replace("_", ""))
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


def main_grade(argv: Sequence[str]) -> int:
    """``grade`` of a generated repository, and optionally ``grade --class`` of N of them."""
    from dbkit.bench import grade as bench_grade

    parser = argparse.ArgumentParser(prog="python -m dbkit bench grade")
    parser.add_argument("--class", dest="learners", type=int, default=0, metavar="N",
                        help="also grade a class of N generated repositories (half careful, "
                             "half hasty)")
    parser.add_argument("--jobs", type=positive_int, default=2)
    args = parser.parse_args(argv)
    import os
    import tempfile
    import time

    from dbkit.pg.server import throwaway_server

    started = time.monotonic()
    server = throwaway_server()
    print(f"server up in {time.monotonic() - started:.1f} s (cpus: {os.cpu_count()}, "
          f"load: {os.getloadavg()[0]:.1f})")
    try:
        with tempfile.TemporaryDirectory(prefix="dbkit-bench-grade-") as folder:
            seconds, cpu, passed = bench_grade.measure_one(server, Path(folder) / "one")
            verdict = "ok" if seconds <= bench_grade.ONE_TARGET_S else "OVER"
            print(f"grade, one repository (6 revisions, 4 scripts): {seconds:.2f} s, {cpu:.2f} s "
                  f"of CPU in the grader and its sandbox, {passed}/10 checks pass "
                  f"(target {bench_grade.ONE_TARGET_S:g} s: {verdict})")
            if args.learners:
                seconds, problems = bench_grade.measure_class(server, Path(folder) / "class",
                                                              args.learners, args.jobs)
                verdict = "ok" if seconds <= bench_grade.CLASS_TARGET_S else "OVER"
                print(f"grade --class, {args.learners} repositories, {args.jobs} at a time: "
                      f"{seconds:.1f} s (target {bench_grade.CLASS_TARGET_S:g} s: {verdict}); "
                      f"{problems} could not be graded; load after: {os.getloadavg()[0]:.1f}")
    finally:
        server.remove()
    return ExitCode.OK


def main_upgrade(argv: Sequence[str]) -> int:
    """``bench upgrade``: only the upgrades of one size, ours and naive in turn (and another
    checkout's, ``--against``), for A/B runs of a change to the upgrade in the same minutes."""
    parser = argparse.ArgumentParser(
        prog="python -m dbkit bench upgrade",
        description="Only the benchmark's upgrades at one size: `alembic upgrade head` of our "
                    "chain and of the naive one, in turn, each from a settled copy under the "
                    "same clients; medians and the median ratio.")
    parser.add_argument("--rows", type=positive_int, default=min(bench.DEFAULT_SIZES),
                        help=f"recruits in the table (default {min(bench.DEFAULT_SIZES):,})")
    parser.add_argument("--repeat", type=positive_int, default=5,
                        help="alternating repeats (default 5)")
    parser.add_argument("--against", type=checkout_arg, default=None, metavar="FOLDER",
                        help="another checkout of the project (`git worktree add FOLDER "
                             "<commit>`): its chain's upgrade runs too, in turn, an A/B")
    parser.add_argument("--idle", action="store_true",
                        help="the same clients with no migration too, in turn (the floor of "
                             "the p99 target)")
    parser.add_argument("--output", type=Path, default=None,
                        help="also write the figures there, as JSON")
    args = parser.parse_args(argv)
    from dbkit.bench.upgrade_ab import upgrade_alone

    results = _on_a_bench_server(
        args.rows, lambda server: upgrade_alone(server, args.rows, args.repeat, args.against,
                                                args.idle),
        reserve_wal=True)
    _write_output(results, args.output)
    print(f"alembic upgrade head at {results['rows']:,} rows, {results['repeats']} repeats in "
          f"turn (load {results['load_before'] and results['load_before'][0]} before, "
          f"{results['load_after'] and results['load_after'][0]} after)")
    for side, values in results["upgrade_s"].items():
        ratio = results["ratio_to_naive"].get(side)
        print(f"  {side:8} median {results['median_upgrade_s'][side]:.3f} s {values}"
              + (f"  {ratio} × naive" if ratio is not None else "")
              + f"  client max ms {results['client_max_ms'][side]}"
              + f"  p99 ms {results['client_p99_ms'][side]}")
        queued = [found.get("run_queue", {}) for found in results["slowest_1pct"][side]]
        print(f"  {'':8} slowest 1 %: waited for a CPU median ms "
              f"{[q.get('median_ms') for q in queued]}, mostly waiting "
              f"{[(q.get('mostly_waiting_for_a_cpu'), q.get('statements')) for q in queued]}")
    return ExitCode.OK


def main_seed(argv: Sequence[str]) -> int:
    """``bench seed``: only the seeding part (the script, a bare COPY and plain Faker(),
    interleaved), for A/B runs of a change to seeding in the same minute."""
    parser = argparse.ArgumentParser(
        prog="python -m dbkit bench seed",
        description="Only the benchmark's seeding part: create_recruits.py end to end, a bare "
                    "COPY of the same rows and plain Faker(), interleaved; medians.")
    parser.add_argument("--seed-rows", type=positive_int, default=bench.DEFAULT_SEED_ROWS,
                        help=f"recruits to seed (default {bench.DEFAULT_SEED_ROWS:,})")
    parser.add_argument("--repeat", type=positive_int, default=bench.SEED_REPEATS,
                        help="alternating repeats, the medians are kept "
                             f"(default {bench.SEED_REPEATS})")
    parser.add_argument("--against", type=checkout_arg, default=None, metavar="FOLDER",
                        help="another checkout of the project (`git worktree add FOLDER "
                             "<commit>`): its create_recruits.py runs too, interleaved, an A/B")
    parser.add_argument("--output", type=Path, default=None,
                        help="also write the figures there, as JSON")
    args = parser.parse_args(argv)
    results = _on_a_bench_server(  # make bench's settings, its WAL room
        args.seed_rows, lambda server: {
            "seed_rows": args.seed_rows,
            **bench.seeding(server, args.seed_rows, args.repeat, args.against)})
    results["targets_met"] = {key: bench.TARGETS[key][1](results)
                              for key in ("seed_vs_copy", "seed_vs_faker")}
    _write_output(results, args.output)
    met = {True: "met", False: "NOT met"}
    rates = results["seed_rates"]
    print(f"seeding {results['seed_rows']:,} recruits, median of {results['seed_repeats']} "
          f"interleaved repeats (load {results['load_before'] and results['load_before'][0]} "
          f"before, {results['load_after'] and results['load_after'][0]} after)")
    print(f"  script   {results['seed_rows_per_s']:>9,} rows/s   {rates['seed']}")
    print(f"  COPY     {results['copy_rows_per_s']:>9,} rows/s   {rates['copy']}")
    print(f"  Faker()  {results['faker_default_rows_per_s']:>9,} rows/s   {rates['faker']} "
          f"(a sample of {results['faker_default_sample_rows']:,} rows)")
    print(f"  script / COPY   {results['seed_ratio_copy']} × "
          f"({bench.TARGETS['seed_vs_copy'][0]}: {met[results['targets_met']['seed_vs_copy']]})")
    print(f"  script / Faker() {results['seed_ratio_faker']} × "
          f"({bench.TARGETS['seed_vs_faker'][0]}: {met[results['targets_met']['seed_vs_faker']]})")
    if args.against is not None:
        print(f"  against {results['against']}: {results['against_rows_per_s']:,} rows/s "
              f"{rates['against']}, {results['against_ratio_copy']} × COPY, "
              f"{results['against_ratio_faker']} × Faker()")
    if args.output is not None:
        print(f"Wrote {display_path(args.output)}")
    return ExitCode.OK


def checkout_arg(text: str) -> Path:
    folder = Path(text).expanduser().resolve()
    if not (folder / "create_recruits.py").is_file():
        raise argparse.ArgumentTypeError(f"no create_recruits.py in {text!r}: not a checkout of "
                                         "this project")
    return folder


def print_table(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    load = results["load_before"], results["load_after"]
    table = Table(title=f"dbkit bench: {', '.join(f'{n:,}' for n in results['row_sizes'])} rows "
                        f"under load, {results['seed_rows']:,} seeded",
                  caption=f"{results['machine']}, PostgreSQL {results['postgresql']}, load "
                          f"{load[0] and load[0][0]} before → {load[1] and load[1][0]} after")
    table.add_column("measure", justify="left")
    table.add_column("ours", justify="right")
    table.add_column("naive / reference", justify="right")
    table.add_column("target", justify="left")
    table.add_column("met", justify="center")
    met = results["targets_met"]

    def mark(key: str) -> str:
        return {True: "[green]yes[/]", False: "[red]NO[/]"}.get(met.get(key), "")

    for size in results["sizes"]:
        rows = size["rows"]
        table.add_row(f"[b]{rows:,} rows[/]", "", "idle (no migration)", "", "")
        table.add_row("  upgrade head (s)", f"{size['safe_upgrade_s']:,}",
                      f"naive {size['naive_upgrade_s']:,}", bench.SIZE_TARGETS["safe_upgrade_s"][0],
                      mark(f"safe_upgrade_s@{rows}"))
        for what, key in (("  client max (ms)", "client_max_ms"),
                          ("  client p99 (ms)", "client_p99_ms"),
                          ("  client errors", "client_errors")):
            table.add_row(what, f"{size['safe_' + key]:,}",
                          f"naive {size['naive_' + key]:,}; idle {size['idle_' + key]:,}",
                          bench.SIZE_TARGETS["safe_" + key][0], mark(f"safe_{key}@{rows}"))
        table.add_row("  rows intact, same schema",
                      str(size["safe_rows_intact"]).lower(),
                      f"naive {str(size['naive_rows_intact']).lower()}", "true",
                      "[green]yes[/]" if met.get(f"rows_intact@{rows}")
                      and met.get(f"same_schema_at_head@{rows}") else "[red]NO[/]")
    table.add_row(f"seeding {results['seed_rows']:,} (rows/s, median of "
                  f"{results['seed_repeats']})", f"{results['seed_rows_per_s']:,}",
                  f"COPY {results['copy_rows_per_s']:,} ({results['seed_ratio_copy']} ×)",
                  bench.TARGETS["seed_vs_copy"][0], mark("seed_vs_copy"))
    table.add_row("", "", f"Faker() {results['faker_default_rows_per_s']:,} "
                          f"({results['seed_ratio_faker']} ×)",
                  bench.TARGETS["seed_vs_faker"][0], mark("seed_vs_faker"))
    for what, key in (("alembic current (s)", "cmd_alembic_current_s"),
                      ("upgrade at head (s)", "cmd_upgrade_noop_s"),
                      ("dbkit drift (s)", "cmd_drift_s"),
                      ("create_c26 (s)", "cmd_seed_c26_s")):
        value = results[key]
        table.add_row(what, "not built" if value is None else f"{value}", "",
                      bench.TARGETS[key][0], mark(key))
    table.add_row(f"review, {results['review_revisions']} revisions, static (s)",
                  f"{results['review_static_s']}", "", bench.TARGETS["review_static_s"][0],
                  mark("review_static_s"))
    table.add_row(f"review --run, {results['review_run_revisions']} revisions (s)",
                  f"{results['review_run_s']}",
                  f"server start {results['review_server_start_s']}",
                  bench.TARGETS["review_run_s"][0], mark("review_run_s"))
    if results["review_class_s"] is not None:
        table.add_row(f"review --class --run, {results['review_class_size']} (s)",
                      f"{results['review_class_s']}",
                      f"{results['review_class_problems']} not reviewed",
                      bench.TARGETS["review_class_s"][0] + " (30)", mark("review_class_s"))
    table.add_row("python start-up (s)", "", f"{results['cmd_python_startup_s']}", "", "")
    console = Console()
    if not console.is_terminal:  # piped or logged: wide enough for one line a measure
        console = Console(width=110)
    console.print(table)


def _on_a_bench_server(rows: int, run: Callable[[Any], dict], *,
                       reserve_wal: bool = False) -> dict:
    """``run(server)`` on a throwaway server with ``make bench``'s settings for ``rows``, its
    figures with the machine's and the load after; the server is removed whatever happens."""
    from dbkit.pg.server import throwaway_server

    show_progress()
    bench.say("starting a throwaway PostgreSQL server (durable settings)")
    settings = bench.server_settings(rows)
    server = throwaway_server(settings=settings)
    try:
        if reserve_wal:
            bench.reserve_wal(server, bench.wal_reserve_mb(rows))
        results = {**bench.machine(server, settings), **run(server)}
    finally:
        server.remove()
    results["load_after"] = bench.load_average()
    return results


def _write_output(results: dict, output: Path | None) -> None:
    """The figures as JSON at ``output`` too, when asked (``--output``)."""
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
