"""``python -m dbkit backup``, ``backups`` and ``restore``: flags and printing.

    python -m dbkit backup                  # take one now, of the database named by ENV
    python -m dbkit backups                 # list them
    python -m dbkit restore FILE            # replace the ENV database with FILE
    python -m dbkit restore --latest prod   # ... with the newest prod backup

The work is done by :mod:`dbkit.backup`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from dbkit import backup as library
from dbkit import database
from dbkit.cli.output import announce
from dbkit.cli.report_error import ExitCode


def keep_arg(text: str) -> int:
    from dbkit.backup.files import keep_count
    from dbkit.errors import ConfigError

    try:
        return keep_count(text, "--keep")
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(f"must {exc.must}, not {exc.value!r}") from None


def wait_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text[:20]!r}") from None
    if not 0 <= value <= 86_400:
        raise argparse.ArgumentTypeError(f"must be from 0 to 86400 seconds, not {text[:20]}")
    return value


def backup(argv: Sequence[str]) -> int:
    """``python -m dbkit backup``: a backup of the database named by ENV, now."""
    from dbkit import revisions

    parser = argparse.ArgumentParser(
        prog="python -m dbkit backup",
        description="Take a pg_dump backup of the database named by ENV into backups/.")
    parser.add_argument("--keep", type=keep_arg, default=None,
                        help="keep the newest N backups of this environment "
                             "(default: DBKIT_BACKUP_KEEP, or 10)")
    args = parser.parse_args(argv)
    target = database.resolve()
    announce(target)
    taken = library.take_now(target, keep=args.keep)
    print(f"Backed up the {target.describe()} at {revisions.describe(taken.revision)} into "
          f"{taken.path}")
    return ExitCode.OK


def backups(argv: Sequence[str]) -> int:
    """``python -m dbkit backups``: what is in backups/."""
    parser = argparse.ArgumentParser(prog="python -m dbkit backups",
                                     description="List the backups in backups/, oldest first.")
    parser.parse_args(argv)
    found = library.listing()
    if not found:
        print(f"No backups in {library.backup_dir()} yet: `ENV=prod python -m dbkit backup` "
              "takes one.")
        return ExitCode.OK
    print(f"{'of':<9} {'taken (UTC)':<17} {'revisions':<18} {'size':>9}  file")
    for item in found:
        print(f"{item.env:<9} {item.taken_at:%Y-%m-%d %H:%M:%S} {item.what:<18} "
              f"{library.human_size(item.path.stat().st_size):>9}  {item.path}")
    return ExitCode.OK


def restore(argv: Sequence[str]) -> int:
    """``python -m dbkit restore FILE``: replace the ENV database with a backup, atomically."""
    from dbkit import revisions
    from dbkit.backup.files import KINDS, latest
    from dbkit.backup.restore import WAIT_FOR_SESSIONS_S, TerminalQuestioner, restore
    from dbkit.errors import ConfigError

    parser = argparse.ArgumentParser(
        prog="python -m dbkit restore",
        description="Replace the database named by ENV with a backup, in one transaction "
                    "(on failure it is left as it was). On prod, a backup is taken first.")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("file", type=Path, nargs="?", help="a .dump file from backups/")
    which.add_argument("--latest", choices=KINDS, metavar="{dev,prod,rehearsal}",
                       help="the newest backup of dev, prod or the rehearsal of prod")
    parser.add_argument("--yes-i-mean-prod", action="store_true",
                        help="do not ask for the prod database name to be typed")
    parser.add_argument("--foreign-dump", action="store_true",
                        help="restore a dump that is not of this project's chain (no "
                             "alembic_version, a revision not in the chain, or no environment "
                             "marker)")
    parser.add_argument("--terminate-sessions", action="store_true",
                        help="end the sessions writing (or reading) the database instead of "
                             "waiting for them")
    parser.add_argument("--wait", type=wait_arg, default=WAIT_FOR_SESSIONS_S, metavar="SECONDS",
                        help="how long to wait for those sessions before giving up "
                             f"(default {WAIT_FOR_SESSIONS_S:.0f})")
    args = parser.parse_args(argv)
    if args.latest:
        args.file = latest(args.latest).path
    if not args.file.is_file():
        raise ConfigError(f"{args.file} is not a file: `python -m dbkit backups` lists them")
    target = database.resolve()
    announce(target)
    done = restore(target, args.file, TerminalQuestioner(), confirmed=args.yes_i_mean_prod,
                   foreign_ok=args.foreign_dump, terminate_sessions=args.terminate_sessions,
                   wait_for_sessions_s=args.wait,
                   say=lambda line: print(line, file=sys.stderr, flush=True))
    if done.backup is not None:
        print(f"Backed up the {target.describe()} first into {done.backup}")
    print(f"Restored {args.file.name} into the {target.describe()}, "
          f"now at {revisions.describe(done.after)}")
    return ExitCode.OK
