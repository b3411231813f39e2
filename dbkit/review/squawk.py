"""The squawk adapter: each upgrade rendered to PostgreSQL SQL, linted by squawk.

The one caller of :func:`dbkit.review.render.render_upgrade`. squawk's findings
come back as ``squawk:<rule>`` warnings on the line of the op that wrote the
statement; a revision that cannot be rendered gets a ``not-rendered`` warning.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from dbkit.errors import DbkitError, mask_password
from dbkit.review import render
from dbkit.review.findings import Finding
from dbkit.review.reader import Revision
from dbkit.sandbox import SandboxUnavailable

log = logging.getLogger(__name__)

# squawk's rules we do not report, and why. Everything else squawk finds on
# the rendered SQL is reported as a ``squawk:<rule>`` warning.
SQUAWK_EXCLUDED = (
    # A rename is the data-safe choice in this project (rename-as-drop-add is
    # the mistake we look for); squawk flags the rename itself.
    "renaming-column",
    "renaming-table",
    # Reported by our data-dropped rule, which knows about copies and markers.
    "ban-drop-column",
    "ban-drop-table",
    # Reported by our not-null-without-backfill rule, which knows about
    # server defaults and backfills in earlier revisions.
    "adding-required-field",
    # Timeouts are set once per connection (in env.py, which the reviewer never
    # runs), not before each statement of each revision file: on a rendered
    # revision these fire on every statement of every revision.
    "require-lock-timeout",
    "require-statement-timeout",
    # Alembic runs each revision in a transaction; the statements outside one
    # are dbkit.online's lock-safe steps (CONCURRENTLY needs autocommit), each
    # of which checks the catalog first, which squawk cannot see in the SQL.
    "prefer-robust-stmts",
    # Column-type style, not the lock safety of a migration: SQLAlchemy renders
    # an Integer primary key as SERIAL, and the exercise's models use String(n).
    "prefer-bigint-over-int",
    "prefer-identity",
    "prefer-text-field",
)


def squawk_executable() -> str | None:
    beside = Path(sys.executable).parent / "squawk"
    return str(beside) if beside.is_file() else shutil.which("squawk")


def findings(revisions: list[Revision]) -> list[Finding]:
    findings: list[Finding] = []
    rendered: dict[str, tuple[Revision, str, dict[int, int]]] = {}
    executable = squawk_executable()
    if executable is None and revisions:  # then no revision's code needs to run
        log.warning("squawk is not installed: lock-safety checks skipped")
        return findings
    for rev in revisions:
        try:
            sql, origins = render.render_upgrade(rev.path)
        except KeyboardInterrupt:
            raise
        except SandboxUnavailable as exc:  # one line saying how to install it, not one per file
            log.warning(f"lock-safety checks skipped: {exc}")
            return findings
        except BaseException as exc:  # a learner's file may do anything, even sys.exit()
            reason = mask_password(f"{type(exc).__name__}: {exc}".splitlines()[0])
            findings.append(Finding(rev.shown, rev.upgrade_line or 1, "not-rendered",
                                    f"The upgrade could not be rendered to SQL ({reason}); "
                                    "its lock safety was not checked.",
                                    "if it imports the application, render it with the "
                                    "project's own interpreter (`--python PATH`); else make "
                                    "it importable on its own, or check its SQL by hand."))
            continue
        rendered[f"{len(rendered):04d}.sql"] = (rev, sql, origins)
    if not rendered or executable is None:
        return findings
    with tempfile.TemporaryDirectory(prefix="dbkit-review-") as folder:
        for name, (_, sql, _) in rendered.items():
            Path(folder, name).write_text(without_placeholders(sql), encoding="utf-8")
        result = subprocess.run(
            [executable, "--reporter", "json", "--pg-version", "18",
             "--exclude", ",".join(SQUAWK_EXCLUDED), *sorted(rendered)],
            cwd=folder, capture_output=True, text=True, timeout=120)
    try:
        reports = json.loads(result.stdout or "[]")
    except json.JSONDecodeError:
        raise DbkitError(f"squawk failed: {(result.stderr or result.stdout).strip()[:200]}") \
            from None
    for report in reports:
        rev, sql, origins = rendered[Path(report["file"]).name]
        sql_line = report["line"] + 1  # squawk counts lines from 0
        if _helper_false_positive(report["rule_name"], sql, sql_line):
            continue
        starts = [line for line in origins if line <= sql_line]
        line = origins[max(starts)] if starts else (rev.upgrade_line or 1)
        statement = sql.splitlines()[sql_line - 1].strip()
        findings.append(Finding(rev.shown, line, f"squawk:{report['rule_name']}",
                                f"{report['message']} (SQL: {statement[:100]})",
                                report.get("help") or
                                f"see https://squawkhq.com/docs/{report['rule_name']}"))
    return findings


# A bound parameter left in rendered SQL (pyformat, as psycopg2 renders them).
PLACEHOLDER = re.compile(r"%\(\w+\)s")
LEFT_OUT = "-- dbkit: a statement with bound parameters, left out of squawk's check"


def without_placeholders(sql: str) -> str:
    """The SQL with every statement that still holds a placeholder (``%(cohort)s``) blanked.

    render.render_upgrade renders Core statements without literal values; squawk
    cannot parse a placeholder and would report syntax errors that are not there.
    Each line of such a statement becomes a comment, so line numbers still match.
    """
    lines = sql.splitlines()
    out: list[str] = []
    statement: list[str] = []
    for line in lines:
        statement.append(line)
        if line.rstrip().endswith(";") or not line.strip():
            if any(PLACEHOLDER.search(s) for s in statement):
                left = len(statement)
                log.info("left out of squawk (bound parameters): %s", " ".join(statement)[:80])
                statement = [LEFT_OUT] * left
            out += statement
            statement = []
    if statement:
        out += [LEFT_OUT] * len(statement) if any(PLACEHOLDER.search(s) for s in statement) \
            else statement
    return "\n".join(out) + ("\n" if sql.endswith("\n") else "")


def _helper_false_positive(rule: str, sql: str, line: int) -> bool:
    """dbkit.online.add_not_null drops its temporary CHECK once SET NOT NULL holds the guarantee."""
    if rule != "ban-drop-constraint":
        return False
    match = re.search(r"DROP CONSTRAINT (\w+)", sql.splitlines()[line - 1])
    return match is not None and re.search(
        rf"ADD CONSTRAINT {match[1]} CHECK \((\w+) IS NOT NULL\) NOT VALID", sql) is not None \
        and "SET NOT NULL" in sql
