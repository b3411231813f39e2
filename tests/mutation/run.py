"""``make mutate``: mutation testing with cosmic-ray over the code that decides (targets.toml).

For each target: a copy of the working tree (the project's own files are never mutated),
a cosmic-ray session over the module, kept to the lines of the named functions
(``cr-filter-lines``) and to operators that make realistic one-line defects
(``cr-filter-operators``), each mutant run against the target's tests only. Two targets
run at once (2 cores), and every pytest run of the session uses one throwaway PostgreSQL
started here (``tests/mutation/server.py``, named to tests/conftest.py in
``DBKIT_TEST_SERVER``; each test still gets databases of its own on it) instead of starting
its own: that was most of a mutant's cost. Prints, per target and in all, killed / mutants and the survivors.

    .venv-mutate/bin/python tests/mutation/run.py [--only MODULE] [--timeout S]
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent  # the venv that has cosmic-ray (.venv-mutate)
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", ".venv-mutate", ".pgdata", "backups",
                                    "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache",
                                    "work", "work-*")
# Realistic one-line defects: comparisons, boolean logic, constants, negations, loops that
# do not run, exceptions not caught. Not: every arithmetic operator swapped for every other.
EXCLUDED_OPERATORS = [
    r"core/ReplaceBinaryOperator_.*",
    r"core/ReplaceComparisonOperator_.*_(Is|IsNot)$",
    r"core/ReplaceComparisonOperator_(Is|IsNot)_.*",
    r"core/ReplaceUnaryOperator_(?!Not_Delete).*",
    r"core/RemoveDecorator",
    r"core/NumberReplacer",
    r"core/ReplaceContinueWithBreak",
    r"core/ReplaceBreakWithContinue",
]


def function_lines(path: Path, names: list[str]) -> list[list[int]]:
    tree = ast.parse(path.read_text())
    found = {node.name: [node.lineno, node.end_lineno] for node in ast.walk(tree)
             if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in names}
    missing = sorted(set(names) - set(found))
    if missing:
        raise SystemExit(f"error: {path}: no function {', '.join(missing)} (update targets.toml)")
    return [found[n] for n in names]


def config(target: dict, copy: Path, timeout: float) -> str:
    ranges = function_lines(copy / target["module"], target["functions"])
    tests = " ".join(target["tests"])
    lines = ", ".join(f'"{a}-{b}"' for a, b in ranges)
    excluded = ", ".join(f"'{e}'" for e in EXCLUDED_OPERATORS)
    return (f'[cosmic-ray]\nmodule-path = "{target["module"]}"\ntimeout = {timeout}\n'
            f'excluded-modules = []\n'
            f'test-command = "{copy}/.venv/bin/python -m pytest -x -q -p no:xdist '
            f'-p no:cacheprovider {tests}"\n\n'
            f'[cosmic-ray.distributor]\nname = "local"\n\n'
            f'[cosmic-ray.filters.line-filter]\nlines = {{ "{target["module"]}" = [{lines}] }}\n\n'
            f'[cosmic-ray.filters.operators-filter]\nexclude-operators = [{excluded}]\n')


SESSIONS = ROOT / ".mutate"  # git-ignored: each target's session, kept between runs


def mutate(target: dict, timeout: float, fresh: bool) -> dict:
    """Run (or resume) the target's session; its results, also printed as soon as it ends.

    Sessions stay in ``.mutate/``: an interrupted ``make mutate`` goes on where it stopped
    (``--fresh`` starts over, as after a change of the code or of targets.toml)."""
    work = Path(tempfile.mkdtemp(prefix="dbkit-mutate-"))
    copy = work / "repo"
    SESSIONS.mkdir(exist_ok=True)
    session = SESSIONS / (target["module"].replace("/", "_") + ".sqlite")
    try:
        shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=True)
        (copy / ".venv").symlink_to(ROOT / ".venv")
        toml = work / "cr.toml"
        toml.write_text(config(target, copy, timeout))

        def tool(*argv: str) -> str:
            return subprocess.run([str(TOOLS / argv[0]), *argv[1:]], cwd=copy, check=True,
                                  capture_output=True, text=True).stdout

        if fresh or not session.exists():
            session.unlink(missing_ok=True)
            tool("cosmic-ray", "init", str(toml), str(session))
            tool("cr-filter-lines", "--config", str(toml), str(session))
            tool("cr-filter-operators", str(session), str(toml))
            skip_equivalents(session, target, copy)
        if os.environ.get("DBKIT_MUTATE_COUNT_ONLY"):
            return {"module": target["module"], "mutants": pending(session), "survived": 0,
                    "survivors": []}
        tool("cosmic-ray", "exec", str(toml), str(session))
        result = {"module": target["module"], **outcomes(session, copy)}
        print(line(result), flush=True)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def skip_equivalents(session: Path, target: dict, copy: Path) -> None:
    """Mark the target's equivalent mutants skipped, as cr-filter-pragma does with a line.

    ``# pragma: no mutate`` would skip every mutant of its line, the ones a test kills too;
    an entry of ``[[target.equivalent]]`` names one: the line's code, the operator and (when
    the line has that operator twice) ``nth``, which of them from the left; ``why`` says why
    no input can tell it apart. An entry that matches nothing (the code changed) stops the run."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    entries = target.get("equivalent", [])
    used = [0] * len(entries)
    source = (copy / target["module"]).read_text().splitlines()
    with use_db(str(session), WorkDB.Mode.open) as db:
        items = sorted(db.pending_work_items, key=lambda i: (i.mutations[0].start_pos,
                                                             i.mutations[0].operator_name))
        seen: dict[tuple[int, str], int] = {}
        for item in items:
            mutation = item.mutations[0]
            row = mutation.start_pos[0]
            code = source[row - 1].strip()
            nth = seen[row, mutation.operator_name] = seen.get((row, mutation.operator_name), 0) + 1
            for i, entry in enumerate(entries):
                if (entry["code"] == code and entry["operator"] == mutation.operator_name
                        and entry.get("nth", nth) == nth):
                    used[i] += 1
                    db.set_result(item.job_id, WorkResult(
                        output=f"equivalent: {entry['why']}", test_outcome=None, diff=None,
                        worker_outcome=WorkerOutcome.SKIPPED))
    stale = [e for e, n in zip(entries, used, strict=True) if not n]
    if stale:
        raise SystemExit(f"error: {target['module']}: no mutant is {stale[0]['operator']} of "
                         f"`{stale[0]['code']}` any more: update its equivalent entry in targets.toml")


def line(result: dict) -> str:
    return (f"{result['module']:<36} {result['mutants'] - result['survived']:>4} / "
            f"{result['mutants']:<4} killed"
            + (f" ({result['equivalent']} equivalent, not counted)"
               if result.get("equivalent") else ""))


def pending(session: Path) -> int:
    from cosmic_ray.work_db import WorkDB, use_db

    with use_db(str(session), WorkDB.Mode.open) as db:
        return sum(1 for _ in db.pending_work_items)


def outcomes(session: Path, copy: Path) -> dict:
    """Mutants run (filtered ones left out), how many survived, and each survivor as
    'module:line operator: the mutated line'."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    run, survived, equivalent = 0, [], 0
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item, result in db.completed_work_items:
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                equivalent += (result.output or "").startswith("equivalent:")
                continue
            run += 1
            if result.test_outcome == TestOutcome.SURVIVED:
                mutation = item.mutations[0]
                line = mutation.start_pos[0]
                source = (copy / mutation.module_path).read_text().splitlines()[line - 1].strip()
                changed = [d[1:].strip() for d in (result.diff or "").splitlines()
                           if d.startswith("+") and not d.startswith("+++")]
                survived.append(f"{mutation.module_path}:{line} {mutation.operator_name}: "
                                f"{source} -> {changed[0] if changed else '?'}")
    return {"mutants": run, "survived": len(survived), "survivors": survived,
            "equivalent": equivalent}


@contextlib.contextmanager
def shared_server() -> Iterator[None]:
    """One throwaway PostgreSQL for every pytest run of the session (DBKIT_TEST_SERVER).

    The server lives in a child process (the project's venv has the PostgreSQL wheel) that
    stops and removes it when its standard input closes: at the end, or when we die."""
    with tempfile.TemporaryDirectory(prefix="dbkit-mutate-server-") as folder:
        spec = Path(folder) / "server.json"
        helper = subprocess.Popen([str(ROOT / ".venv/bin/python"),
                                   str(Path(__file__).with_name("server.py")), str(spec)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert helper.stdin is not None and helper.stdout is not None
        try:
            if helper.stdout.readline().strip() != "ready":
                raise SystemExit("error: the shared throwaway PostgreSQL did not start")
            os.environ["DBKIT_TEST_SERVER"] = str(spec)
            yield
        finally:
            os.environ.pop("DBKIT_TEST_SERVER", None)
            helper.stdin.close()
            helper.wait()


def main() -> int:
    parser = argparse.ArgumentParser(prog="make mutate")
    parser.add_argument("--only", help="one module of targets.toml")
    parser.add_argument("--timeout", type=float, default=120.0, help="per mutant, seconds")
    parser.add_argument("--fresh", action="store_true", help="start every session over")
    parser.add_argument("--report", action="store_true",
                        help="only print what the sessions in .mutate/ hold (a run may be going on)")
    args = parser.parse_args()
    targets = tomllib.loads((Path(__file__).with_name("targets.toml")).read_text())["target"]
    if args.only:
        targets = [t for t in targets if t["module"] == args.only]
    if args.report:
        return report(targets)
    started = datetime.now(UTC)
    with shared_server(), ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda t: mutate(t, args.timeout, args.fresh), targets))
    minutes = (datetime.now(UTC) - started).total_seconds() / 60
    killed = sum(r["mutants"] - r["survived"] for r in results)
    total = sum(r["mutants"] for r in results)
    print()
    for r in results:
        print(line(r))
    print(f"{'all':<36} {killed:>4} / {total:<4} killed: {100 * killed / max(total, 1):.1f}% "
          f"in {minutes:.1f} min, {started:%Y-%m-%d}")
    for r in results:
        for survivor in r["survivors"]:
            print(f"survived: {survivor}")
    return 0 if killed >= 0.9 * total else 1


def report(targets: list[dict]) -> int:
    killed = total = waiting = 0
    survivors = []
    for target in targets:
        session = SESSIONS / (target["module"].replace("/", "_") + ".sqlite")
        if not session.exists():
            print(f"{target['module']:<36} not run yet")
            continue
        result = {"module": target["module"], **outcomes(session, ROOT)}
        left = pending(session)
        print(line(result) + (f" ({left} not run yet)" if left else ""))
        killed += result["mutants"] - result["survived"]
        total += result["mutants"]
        waiting += left
        survivors += result["survivors"]
    print(f"{'all':<36} {killed:>4} / {total:<4} killed: {100 * killed / max(total, 1):.1f}%"
          + (f" ({waiting} not run yet)" if waiting else ""))
    for survivor in survivors:
        print(f"survived: {survivor}")
    return 0


if __name__ == "__main__":
    os.environ.pop("DATABASE_URL", None)
    sys.exit(main())
