"""Where the database is.

The one place that reads ``ENV``, the ``.env.dev`` / ``.env.prod`` files and
``DATABASE_URL``. ``migrations/env.py``, the seeding scripts and every
``dbkit`` command ask this module; none of them reads an env file itself.

- ``ENV`` is ``dev`` (the default) or ``prod`` and picks ``.env.<ENV>``.
- ``DATABASE_URL`` in the process environment wins over the file (that is how
  a real deployment is configured); :func:`announcement` says so when both are set.
- Every error a user can cause is a :class:`dbkit.errors.DbkitError`: one line,
  no traceback, and never the password.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dbkit.errors import BadPassword, ConfigError, NotRunning, Unreachable, reason
from dbkit.masking import mask_password, register_secret

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Connection, Engine

ENVIRONMENTS = ("dev", "prod")
PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Seconds to wait for a server before saying it is not running.
CONNECT_TIMEOUT_S = 5


@dataclass(frozen=True)
class Target:
    """The database a command is about to touch."""

    env: str
    url: URL
    source: str  # where the URL came from, for messages
    overrides: str | None = None  # the env file whose DATABASE_URL the process environment's won over

    @property
    def address(self) -> str:
        """host:port/database, safe to print."""
        return f"{self.url.host}:{self.url.port or 5432}/{self.url.database}"

    def describe(self) -> str:
        return f"{self.env} database {self.address}"


def env_name(environ: Mapping[str, str] | None = None) -> str:
    """The environment named by ``ENV``; unset or empty means dev."""
    environ = os.environ if environ is None else environ
    name = environ.get("ENV", "").strip() or "dev"
    if name not in ENVIRONMENTS:
        raise ConfigError(f"ENV must be one of {', '.join(ENVIRONMENTS)}, not {name!r}")
    return name


def env_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The folder holding the env files (the project root; tests may point elsewhere)."""
    environ = os.environ if environ is None else environ
    return Path(environ.get("DBKIT_ENV_DIR") or PROJECT_ROOT)


def env_file(env: str, environ: Mapping[str, str] | None = None) -> Path:
    return env_dir(environ) / f".env.{env}"


def local_file(env: str, environ: Mapping[str, str] | None = None) -> Path:
    """``.env.<env>.local``: your own settings over the committed file (git ignores it)."""
    return env_dir(environ) / f".env.{env}.local"


def read_env_file(env: str, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The settings in ``.env.<env>``, and over them ``.env.<env>.local`` if there is one,
    without touching ``os.environ``.

    A ``.local`` file that moves ``POSTGRES_PORT`` and says no ``DATABASE_URL`` moves
    the committed ``DATABASE_URL`` to that port too: one line changes both.
    """
    path = env_file(env, environ)
    if not path.exists():
        raise ConfigError(
            f"{path.name} not found in {path.parent}: it holds the {env} database settings "
            f"(restore it with `git checkout -- {path.name}`, or set DATABASE_URL)"
        )
    values = _read_dotenv(path)
    local = local_file(env, environ)
    if local.exists():
        overrides = _read_dotenv(local)
        port = overrides.get("POSTGRES_PORT", "").strip()
        if port and "DATABASE_URL" not in overrides:
            if not port.isdigit():
                raise ConfigError(f"POSTGRES_PORT in {local.name} is not a number: {port!r}")
            overrides["DATABASE_URL"] = _with_port(values.get("DATABASE_URL", ""),
                                                   values.get("POSTGRES_PORT", ""), port)
        values.update(overrides)
    return values


def _with_port(url: str, old: str, new: str) -> str:
    """``url`` with the port ``old`` of its host replaced by ``new`` (unchanged otherwise)."""
    return re.sub(rf"(@[^@/?]*:){re.escape(old.strip())}(?=[/?]|$)", rf"\g<1>{new}", url, count=1) \
        if old.strip() else url


def _read_dotenv(path: Path) -> dict[str, str]:
    from dotenv import dotenv_values

    if not path.is_file():
        raise ConfigError(f"cannot read {path}: it is not a file")
    try:
        with path.open(encoding="utf-8") as stream:
            values = {key: value or "" for key, value in dotenv_values(stream=stream).items()}
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text (byte {exc.start + 1} is not): save it as "
                          "UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    register_secret(values.get("POSTGRES_PASSWORD"))
    return values


def source_of(env: str, environ: Mapping[str, str] | None = None) -> str:
    """Where ``env``'s settings come from, for messages: ``.env.dev`` or ``.env.dev + .local``."""
    name = env_file(env, environ).name
    return f"{name} + {local_file(env, environ).name}" if local_file(env, environ).exists() \
        else name


def resolve(env: str | None = None, environ: Mapping[str, str] | None = None,
            quiet: bool = False) -> Target:
    """Find the database for ``env`` (default: from ``ENV``)."""
    environ = os.environ if environ is None else environ
    env = env or env_name(environ)
    path = env_file(env, environ)
    from_process = environ.get("DATABASE_URL", "").strip()

    if from_process:
        return Target(env, parse_url(from_process, "DATABASE_URL in the process environment"),
                      "DATABASE_URL in the process environment",
                      overrides=path.name if path.is_file() and not quiet else None)

    raw = read_env_file(env, environ).get("DATABASE_URL", "").strip()
    source = source_of(env, environ)
    if not raw:
        raise ConfigError(f"{source} has no DATABASE_URL line")
    url = parse_url(raw, f"DATABASE_URL in {source}")
    if url.password is None:  # the local servers' password is not in the (shared) env file
        password = read_app_password(env, environ)
        if password is not None:
            url = url.set(password=password)
    return Target(env, url, source)


def data_root(environ: Mapping[str, str] | None = None) -> Path:
    """``.pgdata``: the local servers' data (``DBKIT_DATA_DIR`` moves it)."""
    environ = os.environ if environ is None else environ
    return Path(environ.get("DBKIT_DATA_DIR") or PROJECT_ROOT / ".pgdata")


def app_password_file(env: str, environ: Mapping[str, str] | None = None) -> Path:
    """Where ``make up`` keeps the application role's password of the local ``env`` server:
    made at random on first start, mode 600, readable by the user who ran it and nobody else."""
    return data_root(environ) / env / "app-password"


def read_app_password(env: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The local server's password (None before the first ``make up``)."""
    path = app_password_file(env, environ)
    try:
        password = path.read_text().strip()
    except FileNotFoundError:
        return None
    except PermissionError:
        raise ConfigError(f"cannot read {path}: the {env} server of `make up` belongs to the "
                          "user who started it (set DATABASE_URL to reach another database)"
                          ) from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    register_secret(password)
    return password or None


def target_for(env: str) -> Target:
    """The database of ``env`` as its env file describes it (ignoring DATABASE_URL)."""
    return resolve(env, environ={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
                   quiet=True)


_RAW_PASSWORD = re.compile(r"://[^:/@\s]*:(.*)@[^@]*$", re.DOTALL)


def parse_url(raw: str, where: str) -> URL:
    """``raw`` as a URL; its password, in any spelling, is masked in all output from now on."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    loose = _RAW_PASSWORD.search(raw)
    if loose:
        register_secret(loose.group(1))
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):
        raise ConfigError(f"{where} is not a database URL: {mask_password(raw)!r} (a password "
                          "holding @ : / % or a space must be percent-encoded: @ is %40)") from None
    register_secret(url.password)
    query_password = url.query.get("password")
    if isinstance(query_password, str):  # ?password=...: one place for it, like the others
        register_secret(query_password)
        url = url.set(password=query_password).difference_update_query(["password"])
    if url.host and "@" in url.host:
        raise ConfigError(f"{where} has an '@' in its password that is not percent-encoded: "
                          "write it as %40 (and : as %3A, / as %2F, % as %25, a space as %20)")
    if url.get_backend_name() != "postgresql":
        raise ConfigError(f"{where} must be a postgresql:// URL, not {url.drivername}://")
    if not url.host or not url.database:
        raise ConfigError(f"{where} needs a host and a database name: {mask_password(raw)!r}")
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg2")
    return url


def announcement(target: Target) -> list[str]:
    """What a command says before touching ``target``: which database (never the password),
    after a note when DATABASE_URL in the process environment overrides an env file's."""
    lines = [f"Using the {target.describe()} ({target.source})"]
    if target.overrides:
        lines.insert(0, "note: DATABASE_URL from the process environment overrides the one in "
                        f"{target.overrides}")
    return lines


def create_engine(target: Target, **kwargs: Any) -> Engine:
    import sqlalchemy

    connect_args = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "dbkit"}
    connect_args.update(kwargs.pop("connect_args", {}))
    return sqlalchemy.create_engine(target.url, connect_args=connect_args, **kwargs)


def connect(engine: Engine, target: Target) -> Connection:
    """Open a connection, turning the usual failures into one clear line."""
    from sqlalchemy.exc import OperationalError

    try:
        return engine.connect()
    except OperationalError as exc:
        raise explain_connection_error(exc, target) from None


def explain_connection_error(exc: BaseException, target: Target) -> Unreachable:
    """One line for why we could not reach ``target``, and what to do about it."""
    # libpq gives no SQLSTATE for a failed connection: its message is all there is to read.
    message = str(getattr(exc, "orig", None) or exc).strip()
    where, why = target.describe(), reason(exc)
    if "Connection refused" in message or "could not translate host name" in message \
            or "timeout expired" in message or "No route to host" in message:
        return NotRunning(
            f"the {where} is not running: start it with `make up` "
            f"(or `docker compose -f docker-compose.{target.env}.yml up -d`)", where=where, why=why)
    if "no password supplied" in message:
        return BadPassword(
            f"the {where} needs a password and {target.source} has none: the local servers' is "
            f"made by `make up` and kept in {app_password_file(target.env)} (mode 600); "
            "elsewhere, put it in DATABASE_URL", where=where, why=why)
    if "password authentication failed" in message:
        check = (f"check the password in {target.source}" if target.source.startswith("DATABASE_URL")
                 else f"check POSTGRES_PASSWORD and DATABASE_URL in {target.source}")
        return BadPassword(
            f"the {where} refused the password for user {target.url.username!r} ({check})",
            where=where, why=why)
    if "does not exist" in message and "database" in message:
        return NotRunning(f"the {where} does not exist: create it with `make up`", where=where,
                          why=why, missing=True)
    return Unreachable(f"could not connect to the {where}: {why}", where=where, why=why)


@contextmanager
def connected(target: Target | None = None) -> Iterator[tuple[Target, Connection]]:
    """Hold a connection to ``target`` (default: the database named by ``ENV``).

    The usual start of a command, after announcing the target
    (:func:`announcement`): ``with database.connected(target) as (target, connection):``.
    """
    if target is None:
        target = resolve()
    engine = create_engine(target)
    try:
        with connect(engine, target) as connection:
            yield target, connection
    finally:
        engine.dispose()

