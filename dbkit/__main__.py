"""``python -m dbkit <command>``: one entry for all the tooling.

Each command lives in its own module with a ``main(argv) -> int``; it is
imported only when asked for, so a command pays only for what it uses.
"""

from __future__ import annotations

import importlib
import sys
from typing import Sequence

from dbkit.database import DbkitError, mask_password

# command -> ("module:function", one-line help); the function takes the remaining argv.
COMMANDS = {
    "up": ("dbkit.commands.servers:up", "start the local dev and prod PostgreSQL servers"),
    "down": ("dbkit.commands.servers:down", "stop them (their data stays in .pgdata/)"),
    "status": ("dbkit.commands.servers:status",
               "is each server running, on which port, at which revision"),
    "psql": ("dbkit.commands.servers:psql", "open psql on a database: psql dev|prod"),
    "reset": ("dbkit.commands.servers:reset", "drop and recreate the dev database (refuses prod)"),
    "report": ("dbkit.commands.report:main", "revision and recruits per cohort, per environment"),
    "review": ("dbkit.review:main", "review migrations: renames as drop + add, lost data, ..."),
    "backup": ("dbkit.backup:backup", "pg_dump the ENV database into backups/ now"),
    "backups": ("dbkit.backup:backups", "list the backups in backups/"),
    "restore": ("dbkit.backup:restore", "replace the ENV database with a backup: restore FILE"),
    "drift": ("dbkit.drift:main",
              "which side moved (database by hand, models, revision) and how to get back in sync"),
    "situation": ("dbkit.situations:main",
                  "replay situation 1|2|3 of the exercise: the hand-made change, on dev only"),
    "bench": ("dbkit.bench:main",
              "benchmark: the chain on a big table in use, seeding, commands (throwaway server)"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = ["usage: python -m dbkit <command> [options]", "", "commands:"]
    lines += [f"  {name:<{width}}  {help_}" for name, (_, help_) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"error: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module_name, function = COMMANDS[name][0].split(":")
    try:
        return getattr(importlib.import_module(module_name), function)(rest)
    except DbkitError as exc:
        print(f"error: {mask_password(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
