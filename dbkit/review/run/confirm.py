"""What the run says about each static finding: confirmed, refuted, or out of its reach.

The static reviewer's findings come in as plain tuples ``(file, line, rule, message,
severity)`` so that this module depends on nothing of its shape. ``confirmed`` is True when
the run shows the loss or the failure, False when it shows the data kept (the finding is
then not reported as an error), None when the run could not reach it (``reason`` says why).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dbkit.review.run import FAILED, FAILS_POPULATED, LOSES, NOT_RUN, OK, RESTORES, ChainRun, StepRun
from dbkit.review.run.accounting import LOST, Verdict

DATA_RULES = ("rename-as-drop-add", "data-dropped")
NOT_NULL_RULES = ("not-null-without-backfill",)
DOWNGRADE_RULES = ("missing-downgrade",)
COLUMN = re.compile(r"\b(?:column )?([A-Za-z_][\w]*)\.([A-Za-z_][\w]*)\b")
TABLE = re.compile(r"\b[Tt]able ([A-Za-z_][\w.]*)")

Finding = tuple[str, int, str, str, str]  # file, line, rule, message, severity


@dataclass(frozen=True)
class Confirmation:
    confirmed: bool | None
    reason: str

    def as_json(self) -> dict:
        return {"confirmed": self.confirmed, "reason": self.reason}


def confirm(findings: Iterable[Finding], run: ChainRun) -> list[Confirmation]:
    """One confirmation per finding, in order."""
    return [_confirm(finding, run) for finding in findings]


def _confirm(finding: Finding, run: ChainRun) -> Confirmation:
    file, _line, rule, message, _severity = finding
    step = run.step_for(file)
    if step is None:
        return Confirmation(None, "the run did not apply this file")
    if rule in DOWNGRADE_RULES:
        return _downgrade(step)
    if step.upgrade in (NOT_RUN, FAILED):
        return Confirmation(None, f"the upgrade was not applied: {step.error or 'not run'}")
    if rule in NOT_NULL_RULES:
        return _not_null(step, message)
    if rule in DATA_RULES:
        return _data(step, message)
    return Confirmation(None, f"the run does not test {rule}")


def _not_null(step: StepRun, message: str) -> Confirmation:
    if step.upgrade == FAILS_POPULATED:
        return Confirmation(True, f"the upgrade failed on tables with rows ({step.error}) and "
                                  "passed on empty ones")
    match = COLUMN.search(message)
    table = match[1] if match else None
    rows = step.rows_before.get(table, 0) if table else sum(step.rows_before.values())
    if not rows:
        return Confirmation(None, f"table {table} had no rows to test it on" if table
                            else "no table had rows to test it on")
    return Confirmation(False, f"the upgrade passed with {rows} rows in {table or 'the tables'}")


def _data(step: StepRun, message: str) -> Confirmation:
    columns = _mentioned(step, message)
    if not columns:
        return Confirmation(None, "none of the columns it names held values when it ran")
    lost = [v for v in columns if v.kind == LOST]
    if lost:
        return Confirmation(True, "; ".join(
            f"{v.table}.{v.column}: {v.values - v.kept} of {v.values} values lost" for v in lost))
    return Confirmation(False, "; ".join(
        f"{v.table}.{v.column}: {v.kind}" + (f" to {v.where}" if v.where else "")
        for v in columns))


def _mentioned(step: StepRun, message: str) -> list[Verdict]:
    """The verdicts of the columns (or of every column of the table) the message names."""
    match = COLUMN.search(message)
    if match:
        return [v for v in step.values if (v.table, v.column) == (match[1], match[2])]
    table = TABLE.search(message)
    if table:
        return [v for v in step.values if v.table == table[1]]
    return []


def _downgrade(step: StepRun) -> Confirmation:
    if step.downgrade == FAILED:
        return Confirmation(True, f"the downgrade failed: {step.downgrade_error}")
    if step.downgrade == LOSES:
        names = ", ".join(f"{v.table}.{v.column}" for v in step.not_given_back)
        return Confirmation(True, f"the downgrade does not give back {names}")
    if step.downgrade == RESTORES:
        return Confirmation(False, "the downgrade gives every value back")
    return Confirmation(None, step.downgrade_error or "the downgrade was not run")


__all__ = ["Confirmation", "confirm", "OK"]
