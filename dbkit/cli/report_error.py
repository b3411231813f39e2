"""The one place an error becomes output: one masked line and a named exit code.

``python -m dbkit``, the seeding scripts and ``migrations/env.py`` all end here; the
library below only raises :mod:`dbkit.errors` types.
"""

from __future__ import annotations

import sys
from enum import IntEnum
from typing import NoReturn, TextIO

from dbkit.errors import DbkitError, DriftFound, Interrupted
from dbkit.masking import mask_password


class ExitCode(IntEnum):
    """What a dbkit command exits with."""

    OK = 0
    FOUND = 1  # it worked and found something: drift, review findings, a step not as the lesson
    ERROR = 2  # a DbkitError: one line, `error: ...`
    USAGE = 2  # a bad flag (argparse's own code)
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as a shell reports it)


# The exit code of each kind of error with its own; every other DbkitError gives ERROR.
EXIT_CODES: dict[type[DbkitError], ExitCode] = {
    DriftFound: ExitCode.FOUND,
    Interrupted: ExitCode.INTERRUPTED,
}


def exit_code(exc: BaseException) -> ExitCode:
    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    for kind, code in EXIT_CODES.items():
        if isinstance(exc, kind):
            return code
    return ExitCode.ERROR


def one_line(exc: BaseException) -> str:
    """How an error is shown: ``error: ...``, masked (Ctrl-C: ``interrupted``)."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    return f"error: {mask_password(str(exc))}"


def report(exc: BaseException, stream: TextIO | None = None) -> ExitCode:
    """Print ``exc`` as one masked line and give its exit code; anything else is a bug: re-raised."""
    if not isinstance(exc, (DbkitError, KeyboardInterrupt)):
        raise exc
    print(one_line(exc), file=stream or sys.stderr)
    return exit_code(exc)


def fail_alembic(exc: DbkitError) -> NoReturn:
    """Stop an Alembic run (``migrations/env.py``) with the error's one line.

    Alembic's convention is exit status 1 for a failed command; an interrupted run
    exits 130, as any interrupted command does.
    """
    if isinstance(exc, Interrupted):
        raise SystemExit(report(exc))
    raise SystemExit(one_line(exc))
