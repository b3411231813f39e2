"""``python -m dbkit <command>``: argument parsing and printing, one module per command.

Each command is a ``main(argv) -> int`` (or a named function of a command group)
that parses its flags, calls library code and prints the outcome. It is imported
only when asked for, so a command pays only for what it uses. Errors are printed
in one place, :mod:`dbkit.cli.report_error`, which also names the exit codes.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from dbkit import __version__, project
from dbkit.cli import report_error
from dbkit.cli.report_error import ExitCode
from dbkit.errors import DbkitError

# command -> ("module:function", one-line help); the function takes the remaining argv.
COMMANDS = {
    "up": ("dbkit.cli.servers:up", "start the local dev and prod PostgreSQL servers"),
    "down": ("dbkit.cli.servers:down", "stop them (their data stays in .pgdata/)"),
    "password": ("dbkit.cli.servers:password",
                 "make the local servers' password file (.pgdata/ENV/app-password, mode 600)"),
    "status": ("dbkit.cli.servers:status",
               "is each server running, on which port, at which revision"),
    "psql": ("dbkit.cli.servers:psql", "open psql on a database: psql dev|prod"),
    "reset": ("dbkit.cli.servers:reset", "drop and recreate the dev database (refuses prod)"),
    "report": ("dbkit.cli.report:main", "revision and recruits per cohort, per environment"),
    "review": ("dbkit.cli.review:main", "review migrations: renames as drop + add, lost data, ..."),
    "grade": ("dbkit.cli.grade:main",
              "grade a learner's repository (or a class) against the brief, check by check"),
    "backup": ("dbkit.cli.backup:backup", "pg_dump the ENV database into backups/ now"),
    "backups": ("dbkit.cli.backup:backups", "list the backups in backups/"),
    "restore": ("dbkit.cli.backup:restore", "replace the ENV database with a backup: restore FILE"),
    "drift": ("dbkit.cli.drift:main",
              "which side moved (database by hand, models, revision) and how to get back in sync"),
    "situation": ("dbkit.cli.situation:main",
                  "replay situation 1|2|3 of the exercise: the hand-made change, on dev only"),
    "step": ("dbkit.cli.step:main",
             "the brief step by step: list, set up a step (ID), do it (ID --do)"),
    "shell": ("dbkit.cli.shell:main",
              "a Python shell on ENV's database with the models, session and select (-c CODE)"),
    "bench": ("dbkit.cli.bench:main",
              "benchmark: the chain on a big table in use, seeding, commands (throwaway server)"),
}


# The exercise's own commands: they need this repository (its models, chain, env files and
# exercise/ snapshots), so an installed `dbkit` run in another project says so in one line.
EXERCISE_ONLY = frozenset({"up", "down", "status", "psql", "reset", "report", "situation", "step",
                           "shell", "bench"})


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = ["usage: dbkit <command> [options]   (or python -m dbkit)", "", "commands:"]
    lines += [f"  {name:<{width}}  {help_}" for name, (_, help_) in COMMANDS.items()]
    lines += ["", "dbkit --version: the version; dbkit <command> --help: a command's options"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return ExitCode.OK
    if argv[0] in ("-V", "--version", "version"):
        print(f"dbkit {__version__}")
        return ExitCode.OK
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"error: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return ExitCode.USAGE
    if name in EXERCISE_ONLY and project.exercise_repository() is None:
        print(f"error: `dbkit {name}` belongs to the migrations exercise repository, not to an "
              "installed dbkit: run it from a clone of that repository (`python -m dbkit "
              f"{name}`); here, use review, grade, drift, backup, backups and restore",
              file=sys.stderr)
        return ExitCode.USAGE
    module_name, function = COMMANDS[name][0].split(":")
    try:
        return getattr(importlib.import_module(module_name), function)(rest)
    except (DbkitError, KeyboardInterrupt) as exc:
        # report_error.report, not a bare `report`: importing the report command's module
        # (dbkit.cli.report) binds that name in this package.
        return report_error.report(exc)
    except BrokenPipeError:  # `python -m dbkit step | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
