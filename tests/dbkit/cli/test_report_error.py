"""The one place an error becomes output: one masked line, and the exit code for its type."""

from __future__ import annotations

import io

import pytest

from dbkit.cli.report_error import ExitCode, exit_code, fail_alembic, one_line, report
from dbkit.errors import ConfigError, DbkitError, DriftFound, Interrupted, NotRunning
from dbkit.masking import register_secret


@pytest.mark.parametrize(("error", "code"), [
    (DbkitError("x"), ExitCode.ERROR),
    (ConfigError("x"), ExitCode.ERROR),
    (NotRunning("x", where="dev database h:1/d", why="refused"), ExitCode.ERROR),
    (DriftFound("x"), ExitCode.FOUND),
    (Interrupted("x"), ExitCode.INTERRUPTED),
    (KeyboardInterrupt(), ExitCode.INTERRUPTED),
])
def test_each_kind_of_error_has_its_named_exit_code(error, code):
    assert exit_code(error) is code
    assert (ExitCode.OK, ExitCode.FOUND, ExitCode.ERROR, ExitCode.USAGE, ExitCode.INTERRUPTED) \
        == (0, 1, 2, 2, 130)


def test_an_error_is_one_line_without_its_password():
    register_secret("hunter2-secret")
    stream = io.StringIO()
    code = report(DbkitError("could not reach postgresql://app:hunter2-secret@db:5432/live; "
                             "password hunter2-secret"), stream)
    assert code == ExitCode.ERROR
    assert stream.getvalue() == "error: could not reach postgresql://app:***@db:5432/live; " \
                                "password ***\n"


def test_ctrl_c_is_one_word():
    stream = io.StringIO()
    assert report(KeyboardInterrupt(), stream) == 130
    assert stream.getvalue() == "interrupted\n"


def test_anything_else_is_a_bug_and_keeps_its_traceback():
    with pytest.raises(ZeroDivisionError):
        report(ZeroDivisionError("boom"), io.StringIO())


def test_an_alembic_run_stops_with_the_line_or_exit_130(capsys):
    with pytest.raises(SystemExit) as stopped:
        fail_alembic(ConfigError(setting="-x lock_timeout", must="be a duration", value="soon"))
    assert stopped.value.code == "error: -x lock_timeout must be a duration, not 'soon'"

    with pytest.raises(SystemExit) as stopped:
        fail_alembic(Interrupted("interrupted: the dev database stays at 0007"))
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "error: interrupted: the dev database stays at 0007\n"


def test_an_error_built_from_fields_keeps_them_for_callers():
    error = ConfigError(setting="--keep", must="be a whole number from 1 to 10000", value="ten")
    assert (error.setting, error.must, error.value) == \
        ("--keep", "be a whole number from 1 to 10000", "ten")
    assert one_line(error) == "error: --keep must be a whole number from 1 to 10000, not 'ten'"
    plain = ConfigError("ENV must be one of dev, prod, not 'staging'")
    assert (plain.setting, plain.must, plain.value) == (None, None, None)
