"""What can go wrong, as types with fields.

Every problem a user can cause or meet is a :class:`DbkitError`. Callers test the
type (``except NotRunning``) and its fields (``exc.must``, ``exc.missing``), never the
message text. How an error is shown (one masked line, ``error: ...``) and the exit
code it gives are decided in one place apart from this tree,
:mod:`dbkit.cli.report_error`; the library only raises.
"""

from __future__ import annotations

from dbkit.masking import mask_password


class DbkitError(Exception):
    """A problem the user can fix. Shown as one line, with a non-zero exit."""


class ConfigError(DbkitError):
    """A bad ENV, env file, URL, flag or ``-x`` option.

    Built from fields (``ConfigError(setting="--keep", must="be ...", value="x")``, shown
    as "--keep must be ..., not 'x'") or from a whole message; the fields are None then.
    """

    def __init__(self, message: str | None = None, *, setting: str | None = None,
                 must: str | None = None, value: str | None = None) -> None:
        self.setting, self.must, self.value = setting, must, value
        if message is None:
            message = f"{setting} must {must}" + ("" if value is None else f", not {value!r}")
        super().__init__(message)


class OutsideFolder(ConfigError):
    """A file of a folder under review whose real path (links followed) leaves that folder:
    ``path`` as found, ``within`` the folder, ``real`` where it leads. Never read."""

    def __init__(self, path: str, within: str, real: str) -> None:
        self.path, self.within, self.real = path, within, real
        super().__init__(f"{path} leads out of {within} (to {real}): not read")


class AmbiguousLocation(ConfigError):
    """An ini's ``script_location`` that does not exist, with several folders of the
    repository named like it (env.py and versions/): which one is meant is the user's call."""


class Unreachable(DbkitError):
    """A database could not be reached: ``where`` (``dev database host:port/name``), ``why``."""

    def __init__(self, message: str, *, where: str, why: str) -> None:
        self.where, self.why = where, why
        super().__init__(message)


class NotRunning(Unreachable):
    """The server cannot be reached, or (``missing``) it runs without the database."""

    def __init__(self, message: str, *, where: str, why: str, missing: bool = False) -> None:
        self.missing = missing
        super().__init__(message, where=where, why=why)


class BadPassword(Unreachable):
    """The server refused the credentials."""


class WrongEnvironment(DbkitError):
    """The database reached is not the one ``ENV`` names (its marker says otherwise)."""


class WrongRevision(DbkitError):
    """The database is not at the revision the command needs."""


class LockTimeout(DbkitError):
    """A lock could not be had in time; nothing was changed."""


class DriftFound(DbkitError):
    """The database, the models and the revisions disagree."""


class BackupFailed(DbkitError):
    """A backup or restore did not complete; the database was not changed."""


class BackupLockTimeout(BackupFailed, LockTimeout):
    """``pg_dump`` could not lock a table in time: the backup, and what needed it, did not run."""


class Refused(DbkitError):
    """A guard rail said no (prod without confirmation, a protected database)."""


class Interrupted(DbkitError):
    """Ctrl-C during a run: the message says what finished and how to finish the rest."""


def reason(exc: BaseException) -> str:
    """The first line of what went wrong (the driver's message when there is one), masked."""
    message = str(getattr(exc, "orig", None) or exc).strip()
    return mask_password(message.splitlines()[0]) if message else type(exc).__name__
