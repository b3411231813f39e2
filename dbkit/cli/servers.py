"""``up``, ``down``, ``status``, ``psql``, ``reset``: the local dev and prod servers."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from dbkit import database
from dbkit.cli import chain_option
from dbkit.cli.output import announce
from dbkit.cli.report_error import ExitCode
from dbkit.database import ENVIRONMENTS
from dbkit.errors import DbkitError
from dbkit.pg import clients
from dbkit.pg.server import environment_server


def _environments(argv: Sequence[str], command: str, default: Sequence[str]) -> list[str]:
    parser = argparse.ArgumentParser(prog=f"python -m dbkit {command}")
    parser.add_argument("env", nargs="*", help=f"dev and/or prod (default: {' and '.join(default)})")
    return _checked(parser, parser.parse_args(argv).env) or list(default)


def _checked(parser: argparse.ArgumentParser, envs: list[str]) -> list[str]:
    for env in envs:
        if env not in ENVIRONMENTS:
            parser.error(f"unknown environment {env!r} (choose from {', '.join(ENVIRONMENTS)})")
    return envs


def up(argv: Sequence[str]) -> int:
    for env in _environments(argv, "up", ENVIRONMENTS):
        server = environment_server(env, make_password=True)
        was_running = server.is_running()
        server.start()
        state = "already running" if was_running else "started"
        print(f"{env}: PostgreSQL {state} on 127.0.0.1:{server.port}, "
              f"database {server.database} (data in {server.home})")
        if server.legacy_superuser:
            print(f"note: {server.home} was made by an older dbkit, where {server.user} is a "
                  f"superuser; to give it least privilege, back it up (`ENV={env} python -m dbkit "
                  f"backup`), `python -m dbkit down {env}`, move {server.home} aside, "
                  f"`python -m dbkit up {env}` and restore the backup", file=sys.stderr)
    return ExitCode.OK


def password(argv: Sequence[str]) -> ExitCode:
    """``python -m dbkit password dev|prod``: make the local server's password file if missing
    (for Docker: ``make up`` makes it itself) and say where it is; never prints the password."""
    from dbkit.database import app_password_file

    for env in _environments(argv, "password", ENVIRONMENTS):
        path = app_password_file(env)
        existed = path.is_file()
        environment_server(env, make_password=True)
        print(f"{env}: the password of the application role is in {path} "
              f"({'already there' if existed else 'made now'}; mode 600, yours only)")
    return ExitCode.OK


def down(argv: Sequence[str]) -> int:
    for env in _environments(argv, "down", ENVIRONMENTS):
        server = environment_server(env)
        print(f"{env}: {'stopped' if server.stop() else 'was not running'}")
    return ExitCode.OK


def status(argv: Sequence[str]) -> int:
    from rich.console import Console
    from rich.table import Table

    from dbkit import revisions
    from dbkit.pg.status import status as status_of

    parser = argparse.ArgumentParser(prog="python -m dbkit status")
    parser.add_argument("env", nargs="*", help="dev and/or prod (default: dev and prod)")
    chain_option.add(parser, "whose revisions are named")
    args = parser.parse_args(argv)
    chain_option.use(args)
    table = Table("env", "server", "address", "revision")
    for env in _checked(parser, args.env) or list(ENVIRONMENTS):
        found = status_of(env)
        shown = {"running": revisions.describe(found.revision),
                 "not running": "start it with `make up`"}.get(found.state, found.why or "")
        table.add_row(env, found.state, found.address, shown)
    Console().print(table)
    return ExitCode.OK


def psql(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m dbkit psql")
    parser.add_argument("env", choices=ENVIRONMENTS)
    parser.add_argument("psql_args", nargs=argparse.REMAINDER,
                        help="passed on to psql, e.g. -c 'SELECT 1'")
    args = parser.parse_args(argv)
    target = database.resolve(args.env)
    announce(target)
    # The password travels in the environment (PGPASSWORD), never on the command line.
    command = [clients.program("psql"), *clients.connection_flags(target.url)[1:],
               *args.psql_args]
    sys.stdout.flush()
    os.execve(command[0], command, clients.environment(target.url, "dbkit psql"))


def reset(argv: Sequence[str]) -> int:
    from dbkit.pg.reset import reset_database

    parser = argparse.ArgumentParser(prog="python -m dbkit reset")
    parser.add_argument("env", choices=ENVIRONMENTS)
    args = parser.parse_args(argv)
    if args.env != "dev":
        raise DbkitError("reset refuses prod: prod data is never thrown away "
                         "(to undo a migration, downgrade it)")
    target = database.resolve("dev")
    announce(target)
    reset_database(target)
    print(f"dev: database {target.url.database} dropped and created empty; "
          "run `ENV=dev alembic upgrade head`")
    return ExitCode.OK
