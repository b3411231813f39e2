"""Helpers for tests: run alembic, the seeding scripts and dbkit as a user would."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# The settings of the committed env files, but for the port: the suite writes its own env
# files from these (never copying yours, whatever ports or .local files you have).
ENV_SETTINGS = {
    "dev": {"POSTGRES_USER": "recruits", "POSTGRES_PASSWORD": "dev-only-password",
            "POSTGRES_DB": "recruits_dev"},
    "prod": {"POSTGRES_USER": "recruits", "POSTGRES_PASSWORD": "prod-only-password",
             "POSTGRES_DB": "recruits_prod"},
}


def committed_env(env: str) -> str:
    """``.env.<env>`` as committed (``git show HEAD:``), never as edited on this machine;
    in a copy without git, the same settings on the committed ports 5433/5434."""
    shown = subprocess.run(["git", "show", f"HEAD:.env.{env}"], cwd=PROJECT_ROOT,
                           capture_output=True, text=True)
    if shown.returncode == 0:
        return shown.stdout
    values = {**{k: v for k, v in ENV_SETTINGS[env].items() if k != "POSTGRES_PASSWORD"},
              "POSTGRES_PORT": str({"dev": 5433, "prod": 5434}[env])}
    url = (f"postgresql+psycopg2://{values['POSTGRES_USER']}"
           f"@127.0.0.1:{values['POSTGRES_PORT']}/{values['POSTGRES_DB']}")
    return "".join(f"{k}={v}\n" for k, v in values.items()) + f"DATABASE_URL={url}\n"


def write_env_files(folder: Path, ports: dict[str, int]) -> None:
    """``.env.dev`` and ``.env.prod`` in ``folder``, made from scratch, on ``ports``."""
    for env, port in ports.items():
        # As committed: no password (dbkit reads <DBKIT_DATA_DIR>/<env>/app-password).
        values = {k: v for k, v in ENV_SETTINGS[env].items() if k != "POSTGRES_PASSWORD"}
        url = f"postgresql+psycopg2://{values['POSTGRES_USER']}@127.0.0.1:{port}/{values['POSTGRES_DB']}"
        lines = [f"# The {env} database of the test suite (written by tests/helpers.py)",
                 *(f"{key}={value}" for key, value in values.items()),
                 f"POSTGRES_PORT={port}", f"DATABASE_URL={url}"]
        (folder / f".env.{env}").write_text("\n".join(lines) + "\n")


def alembic(*args: str, url: str | None = None) -> None:
    """Run an alembic command in this process (``alembic("upgrade", "head")``)."""
    from alembic.config import main

    environ = os.environ.copy()
    # alembic.ini's logging section hands the loggers a handler on this moment's stderr
    # (pytest's capture, closed after the test): put the logging set-up back afterwards, so a
    # later test's log line is not a "--- Logging error ---" on a closed stream.
    names = ("", "alembic", "sqlalchemy", "sqlalchemy.engine", "dbkit")
    saved = {name: (lg.handlers[:], lg.level, lg.propagate, lg.disabled)
             for name in names for lg in [logging.getLogger(name)]}
    try:
        if url is not None:
            os.environ["DATABASE_URL"] = url
        main(argv=["-c", str(PROJECT_ROOT / "alembic.ini"), *args])
    finally:
        os.environ.clear()
        os.environ.update(environ)
        for name, (handlers, level, propagate, disabled) in saved.items():
            lg = logging.getLogger(name)
            lg.handlers[:] = handlers
            lg.setLevel(level)
            lg.propagate, lg.disabled = propagate, disabled


def run(*argv: str, env: dict[str, str] | None = None, url: str | None = None,
        input: str | None = None) -> subprocess.CompletedProcess:
    """Run a command as a user would, from the project root, in a child process.

    ``argv[0]`` may be a script (``create_recruits.py``), ``alembic`` or ``-m``.
    ``env`` is added to a copy of this environment without ENV and DATABASE_URL.
    """
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    if url is not None:
        environ["DATABASE_URL"] = url
    environ.update(env or {})
    if argv[0] == "alembic":
        argv = ("-m", "alembic", *argv[1:])
    return subprocess.run([sys.executable, *argv], cwd=PROJECT_ROOT, env=environ, input=input,
                          capture_output=True, text=True, timeout=300)


def use_moment(work: Path, moment: str) -> None:
    """``cp exercise/<moment>/*.py <work>/``, as a step does."""
    for source in sorted((PROJECT_ROOT / "exercise" / moment).glob("*.py")):
        shutil.copy(source, work / source.name)


def add_revisions(work: Path, *revisions: str) -> None:
    """``cp migrations/versions/<id>_*.py <work>/migrations/versions/``, as a step does."""
    for revision in revisions:
        (source,) = (PROJECT_ROOT / "migrations" / "versions").glob(f"{revision}_*.py")
        shutil.copy(source, work / "migrations" / "versions" / source.name)
