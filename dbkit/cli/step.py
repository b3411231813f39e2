"""``python -m dbkit step [ID] [--do]``: the brief, step by step (dbkit/exercise/steps.py)."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence

from dbkit.cli.report_error import ExitCode
from dbkit.errors import ConfigError
from dbkit.exercise import steps, walk, workspace


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dbkit step",
        description="Without ID: list the brief's steps. With ID: put dev and a rehearsal of "
                    "prod where that step starts and print what to do; --do does it.")
    parser.add_argument("id", nargs="?", help="a step id, e.g. dev-1, prod-2, s1-3")
    parser.add_argument("--do", action="store_true", help="do the step and explain the outcome")
    parser.add_argument("--fresh", action="store_true",
                        help="rebuild the databases even when the step before was just done")
    args = parser.parse_args(argv)
    if args.id is None:
        width = max(map(len, steps.IDS))
        for step in steps.STEPS:
            print(f"{step.id:<{width}}  {step.summary}")
        return ExitCode.OK
    if args.id not in steps.BY_ID:
        raise ConfigError(f"unknown step {args.id!r}: `python -m dbkit step` lists the steps")
    step = steps.BY_ID[args.id]

    walk.prepare(step.id, args.fresh, report=lambda line: print(line, file=sys.stderr))
    work = workspace.shown(workspace.work_dir())
    print(f"{step.id}: {step.summary}")
    print(textwrap.fill(f"The brief: {step.asks}", 88, initial_indent="  ",
                        subsequent_indent="  "))
    if not args.do:
        print("\nThe commands (from the project root):")
        for command in step.commands:
            print(f"  {steps.render(command, work)}")
        print(f"\n`python -m dbkit step {step.id} --do` runs them and explains the outcome.")
        return ExitCode.OK

    def report(command: steps.Command, ran: walk.Ran) -> None:
        print(f"\n$ {ran.command}")
        if ran.output:
            print(ran.output)
        if not ran.as_expected:
            print(f"-> not the lesson's outcome: this command {ran.expectation(command)} in "
                  f"the lesson (exit {ran.exit_code} here)")

    ok = walk.do(step.id, report)
    print()
    print(textwrap.fill(("What happened: " if ok else "Expected: ") + step.why, 88))
    if ok:
        following = steps.IDS.index(step.id) + 1
        if following < len(steps.IDS):
            print(f"\nNext: `python -m dbkit step {steps.IDS[following]}`")
    return ExitCode.OK if ok else ExitCode.FOUND
