"""What can go wrong, as types, and the one place that turns it into output.

Every problem a user can cause or meet is a :class:`DbkitError`: it is shown as
one line, ``error: ...``, with its exit code and never a password. Callers test
the type (``except NotRunning``), never the message text. :func:`exit_code_for`
is the only place that prints an error: ``python -m dbkit``, the seeding scripts
and ``migrations/env.py`` all end in it.
"""

from __future__ import annotations

import re
import sys
from typing import NoReturn, TextIO


class DbkitError(Exception):
    """A problem the user can fix. Shown as one line, with a non-zero exit."""

    exit_code = 2


class ConfigError(DbkitError):
    """A bad ENV, env file, URL, flag or ``-x`` option."""


class NotRunning(DbkitError):
    """The server cannot be reached."""


class BadPassword(DbkitError):
    """The server refused the credentials."""


class WrongEnvironment(DbkitError):
    """The database reached is not the one ``ENV`` names (its marker says otherwise)."""


class WrongRevision(DbkitError):
    """The database is not at the revision the command needs."""


class LockTimeout(DbkitError):
    """A lock could not be had in time; nothing was changed."""


class DriftFound(DbkitError):
    """The database, the models and the revisions disagree."""

    exit_code = 1


class BackupFailed(DbkitError):
    """A backup or restore did not complete; the database was not changed."""


class BackupLockTimeout(BackupFailed, LockTimeout):
    """``pg_dump`` could not lock a table in time: the backup, and what needed it, did not run."""


class Refused(DbkitError):
    """A guard rail said no (prod without confirmation, a protected database)."""


# user:password@ in a URL; the password may hold anything but whitespace (even '@').
_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)\S*@")
# ?password=... or &password=... in a URL's query, and password=... in a conninfo string.
_QUERY_PASSWORD = re.compile(r"(\bpassword=)('[^']*'|[^&\s'\"]*)", re.IGNORECASE)
# Passwords this process has read (from DATABASE_URL or an env file): masked wherever they
# appear, in any spelling, even where no pattern can find them (spaces, unencoded '@').
_SECRETS: set[str] = set()
MIN_SECRET_LENGTH = 4  # shorter ones would mask ordinary words; the patterns still apply


def register_secret(secret: str | None) -> None:
    """Mask ``secret`` (and its percent-encoded spellings) in everything shown from now on."""
    from urllib.parse import quote, quote_plus

    if not secret or len(secret) < MIN_SECRET_LENGTH:
        return
    _SECRETS.update({secret, quote(secret), quote(secret, safe=""), quote_plus(secret)})


def mask_password(text: str) -> str:
    """Replace the password in anything that looks like a URL, and every known password."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, "***")
    text = _URL_PASSWORD.sub(r"\1***@", text)
    return _QUERY_PASSWORD.sub(r"\1***", text)


def reason(exc: BaseException) -> str:
    """The first line of what went wrong (the driver's message when there is one), masked."""
    message = str(getattr(exc, "orig", None) or exc).strip()
    return mask_password(message.splitlines()[0]) if message else type(exc).__name__


def one_line(exc: BaseException) -> str:
    """How an error is shown: ``error: ...``, masked."""
    return f"error: {mask_password(str(exc))}"


def exit_code_for(exc: BaseException, stream: TextIO | None = None) -> int:
    """Print ``exc`` as one masked line and give the exit code for it."""
    stream = stream or sys.stderr
    if isinstance(exc, KeyboardInterrupt):
        print("interrupted", file=stream)
        return 130
    if isinstance(exc, DbkitError):
        print(one_line(exc), file=stream)
        return exc.exit_code
    raise exc


def fail(exc: BaseException) -> NoReturn:
    """Stop an Alembic run with the error's one line (Alembic's convention: exit status 1)."""
    raise SystemExit(one_line(exc))
