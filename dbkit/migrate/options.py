"""The settings of a migration run, from ``alembic -x key=value``.

=====================  =========  ==========================================
``lock_timeout``       ``5s``     how long one statement waits for a lock
                                  (``0``, written out, means no limit)
``statement_timeout``  ``15min``  how long one statement may run
``lock_retries``       ``3``      retries of a whole revision that timed out
                                  on a lock
``exclusive_lock_timeout`` ``20ms`` how long a statement that takes a lock
                                  clients conflict with (``ALTER TABLE``,
                                  ``DROP``, ...) waits for it, each try
``exclusive_lock_tries`` ``10``   tries of such a statement (in a savepoint)
                                  before its revision is retried whole
``backup``             ``auto``   ``auto`` (prod only), ``on`` or ``off``
``confirm``                       ``prod`` allows a downgrade or stamp of prod
``allow_drift``                   ``yes`` upgrades a prod changed by hand
                                  (``dbkit.drift``)
``rename``                        ``table.old:new`` answers autogenerate's
                                  rename question (``dbkit.migrate.autogen``)
=====================  =========  ==========================================

A key not in this table is refused, with the list of the known ones: a
misspelled ``retries=3`` must not pass silently for ``lock_retries=3``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from dbkit.database import Target
from dbkit.errors import ConfigError
from dbkit.migrate.retry import EXCLUSIVE_LOCK_TIMEOUT_MS, EXCLUSIVE_LOCK_TRIES

# Every -x key a migration run understands; other tools' keys are listed here too.
KNOWN_KEYS = ("lock_timeout", "statement_timeout", "lock_retries", "exclusive_lock_timeout",
              "exclusive_lock_tries", "backup", "confirm", "allow_drift", "rename")

_DURATION = re.compile(r"^(\d+)(ms|s|min)?$")
_UNIT_MS = {"ms": 1, "s": 1_000, "min": 60_000, None: 1}


@dataclass(frozen=True)
class Options:
    lock_timeout_ms: int = 5_000
    statement_timeout_ms: int = 15 * 60_000
    lock_retries: int = 3
    exclusive_lock_timeout_ms: int = EXCLUSIVE_LOCK_TIMEOUT_MS
    exclusive_lock_tries: int = EXCLUSIVE_LOCK_TRIES
    backup: str = "auto"
    confirm: str = ""

    @classmethod
    def from_x_arguments(cls, x: Mapping[str, str]) -> Options:
        """Read ``alembic -x key=value``; an unknown key is a ConfigError."""
        unknown = sorted(set(x) - set(KNOWN_KEYS))
        if unknown:
            raise ConfigError(
                f"unknown -x option{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}: "
                f"the known ones are {', '.join(KNOWN_KEYS)}")
        defaults = cls()
        backup = x.get("backup", defaults.backup).strip().lower()
        if backup not in ("auto", "on", "off"):
            raise ConfigError(f"-x backup must be auto, on or off, not {backup!r}")
        return cls(
            lock_timeout_ms=duration_ms("lock_timeout", x.get("lock_timeout"),
                                        defaults.lock_timeout_ms),
            statement_timeout_ms=duration_ms("statement_timeout", x.get("statement_timeout"),
                                             defaults.statement_timeout_ms),
            lock_retries=retries(x.get("lock_retries"), defaults.lock_retries),
            exclusive_lock_timeout_ms=exclusive_timeout_ms(x.get("exclusive_lock_timeout"),
                                                           defaults.exclusive_lock_timeout_ms),
            exclusive_lock_tries=tries(x.get("exclusive_lock_tries"),
                                       defaults.exclusive_lock_tries),
            backup=backup,
            confirm=x.get("confirm", "").strip(),
        )

    def connect_args(self) -> dict[str, str]:
        """Timeouts as connection options, so the session starts (and ``RESET``s) with them."""
        return {"options": f"-c lock_timeout={self.lock_timeout_ms} "
                           f"-c statement_timeout={self.statement_timeout_ms}"}

    def wants_backup(self, target: Target) -> bool:
        return self.backup == "on" or (self.backup == "auto" and target.env == "prod")

    def warnings(self, target: Target) -> list[str]:
        """What a prod run should echo before it starts: the limits it was asked to lift."""
        if target.env != "prod":
            return []
        found = []
        if self.lock_timeout_ms == 0:
            found.append("-x lock_timeout=0: statements on the prod database wait for locks "
                         "without a limit, queueing every other query behind them")
        if self.statement_timeout_ms == 0:
            found.append("-x statement_timeout=0: statements on the prod database may run "
                         "without a limit")
        return found


def duration_ms(name: str, text: str | None, default: int) -> int:
    """'200ms', '5s', '2min' or a number of milliseconds; ``0`` (no limit) only written out."""
    if text is None:
        return default
    match = _DURATION.match(text.strip())
    if not match:
        raise ConfigError(f"-x {name} must be a duration like 500ms, 5s or 2min, not {text!r}")
    return int(match.group(1)) * _UNIT_MS[match.group(2)]


def retries(text: str | None, default: int) -> int:
    if text is None:
        return default
    if not text.strip().isdigit() or int(text) > 20:
        raise ConfigError(f"-x lock_retries must be a whole number from 0 to 20, not {text!r}")
    return int(text)


def exclusive_timeout_ms(text: str | None, default: int) -> int:
    """A duration above zero: an exclusive statement never waits without a limit."""
    value = duration_ms("exclusive_lock_timeout", text, default)
    if value == 0:
        raise ConfigError("-x exclusive_lock_timeout must be above zero (clients queue behind "
                          "the waiting statement), not '0'")
    return value


def tries(text: str | None, default: int) -> int:
    if text is None:
        return default
    if not text.strip().isdigit() or not 1 <= int(text) <= 100:
        raise ConfigError(f"-x exclusive_lock_tries must be a whole number from 1 to 100, "
                          f"not {text!r}")
    return int(text)
