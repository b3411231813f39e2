"""The seeding scripts' command line: ``create_recruits.py [--count N] [--seed S]`` and the
three ``create_c2X_recruits.py``; each script names its cohort and calls :func:`main_for`."""

from __future__ import annotations

import argparse
import secrets
from collections.abc import Sequence
from pathlib import Path

from dbkit.errors import DbkitError, exit_code_for
from dbkit.exercise.seeding import MAX_COUNT, MAX_SEED, seed


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
        result = seed(cohort, args.count, seed_value, chain)
    except (DbkitError, KeyboardInterrupt) as exc:
        return exit_code_for(exc)
    print(f"Wrote {result.written} new recruits to {cohort} (seed {result.seed}); "
          f"{result.already_there} were already there. {cohort} has {result.cohort_total} recruits.")
    return 0
