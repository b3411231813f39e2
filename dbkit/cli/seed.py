"""The seeding scripts' command line: ``create_recruits.py [--count N] [--seed S]`` and the
three ``create_c2X_recruits.py``; each script names its cohort and calls :func:`main_for`."""

from __future__ import annotations

import argparse
import contextlib
import secrets
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from dbkit import database
from dbkit.cli.output import announce
from dbkit.cli.report_error import ExitCode, report
from dbkit.errors import DbkitError
from dbkit.exercise.seeding import MAX_COUNT, MAX_SEED, PROGRESS_FROM, Progress, seed


def skip_template_highlighting() -> None:
    """Alembic imports Mako, and Mako's exceptions module imports Pygments (its HTML error pages
    highlight template code): 0.03 s of CPU, 5 % of a 100,000-row run's start-up. A seeding
    run renders no template, so Mako takes its own fallback (no highlighting) instead."""
    if "mako" not in sys.modules:  # once Mako is in, leave it as it is
        sys.modules.setdefault("mako.ext.pygmentplugin", None)  # type: ignore[arg-type]


def _shown(text: str) -> str:
    return repr(text) if len(text) <= 20 else repr(text[:20] + "...")


def count_arg(text: str) -> int:
    if len(text.strip()) > 20:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_COUNT:,}, not {_shown(text)}")
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_COUNT:,}, not {value}")
    return value


def seed_arg(text: str) -> int:
    if len(text.strip()) > 20:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_SEED:,}, not {_shown(text)}")
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    if value > MAX_SEED:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_SEED:,}, not {value}")
    return value


def main_for(cohort: str, default_count: int, argv: Sequence[str] | None = None,
             chain: Path | None = None) -> int:
    """The whole of a seeding script: parse the flags, seed, print what was written where.

    ``chain`` is the folder of the script's own alembic.ini and migrations (the
    snapshots of ``python -m dbkit step``); the repository's by default.
    """
    skip_template_highlighting()
    parser = argparse.ArgumentParser(
        description=f"Add fake recruits to the cohort {cohort!r} in the database named by ENV "
                    "(dev unless ENV=prod).")
    parser.add_argument("--count", type=count_arg, default=default_count,
                        help=f"how many recruits to add (default {default_count})")
    parser.add_argument("--seed", type=seed_arg, default=None,
                        help="same seed, same people; a second run adds nothing (default: random)")
    args = parser.parse_args(argv)
    seed_value = secrets.randbelow(1_000_000) if args.seed is None else args.seed

    try:
        target = database.resolve()
        announce(target)
        with progress_bar(args.count, f"Making {args.count:,} {cohort} recruits") as progress:
            result = seed(cohort, args.count, seed_value, chain, target, progress)
    except (DbkitError, KeyboardInterrupt) as exc:
        return report(exc)
    print(f"Wrote {result.written} new recruits to {cohort} (seed {result.seed}); "
          f"{result.already_there} were already there. {cohort} has {result.cohort_total} recruits.")
    return ExitCode.OK


@contextlib.contextmanager
def progress_bar(count: int, title: str) -> Iterator[Progress | None]:
    """A progress bar on a terminal, for a big count; None otherwise."""
    if count < PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress as Bar

    with Bar(transient=True) as bar:
        task = bar.add_task(title, total=count)
        yield lambda made: bar.update(task, completed=made)
