"""One repository's review after a run: the static findings marked by it, and the run's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dbkit.review.findings import ERROR, WARNING

MARKER = "dbkit: data-kept-in"
StaticReview = Callable[[str], list]


def report_for(path: str, static: StaticReview, run: Any) -> dict:
    """The static findings marked by the run, the run's own findings, and the accounting."""
    from dbkit.review.run.confirm import confirm

    findings = static(path)
    tuples = [(f.file, f.line, f.rule, f.message, f.severity) for f in findings]
    marked = []
    for finding, confirmation in zip(findings, confirm(tuples, run), strict=True):
        entry = finding.as_json()
        if finding.severity == ERROR:
            entry.update(confirmation.as_json())
            if confirmation.confirmed is False:
                entry["severity"] = WARNING  # the run shows the data kept
        marked.append(entry)
    own = run_findings(run, [m for m in marked if m.get("confirmed")])
    every = marked + own
    return {"path": path, "findings": every, "run": run.as_json(),
            "errors": sum(f["severity"] == ERROR for f in every),
            "warnings": sum(f["severity"] == WARNING for f in every)}


def run_findings(run: Any, confirmed: list[dict]) -> list[dict]:
    """What the run found that no confirmed static finding already says."""
    from dbkit.review.run import FAILED, FAILS_POPULATED, LOSES, NOT_RUN
    from dbkit.review.run import FAILED as DOWN_FAILED

    said = {Path(f["file"]).name for f in confirmed}
    found = []

    def add(step: Any, rule: str, severity: str, message: str) -> None:
        found.append({"file": step.file, "line": 1, "rule": rule, "severity": severity,
                      "message": message, "confirmed": True, "reason": "found by the run"})

    for step in run.steps:
        name = Path(step.file).name
        if step.upgrade == FAILS_POPULATED and name not in said:
            add(step, "run:fails-on-populated-table", ERROR,
                f"The upgrade fails on tables with rows and passes on empty ones: {step.error}")
        elif step.upgrade == FAILED:
            add(step, "run:upgrade-failed", ERROR, f"The upgrade fails: {step.error}")
        elif step.upgrade == NOT_RUN and (step.error or "").startswith("not run, because"):
            add(step, "run:not-run", WARNING, f"The upgrade was {step.error}; nothing from "
                "here on was run, and no finding about the chain is made from it.")
        if name not in said:
            acknowledged = MARKER in Path(step.file).read_text(errors="replace")
            for v in step.lost:
                add(step, "run:values-lost", WARNING if acknowledged else ERROR,
                    f"{v.table}.{v.column}: {v.values - v.kept} of {v.values} values are gone "
                    "after the upgrade (not in any column or table)"
                    + (", as its data-kept-in marker says." if acknowledged else "."))
        if step.downgrade == LOSES:
            names = ", ".join(f"{v.table}.{v.column}" for v in step.not_given_back)
            add(step, "run:downgrade-loses-values", WARNING,
                f"The downgrade does not give back the values of {names}.")
        elif step.downgrade == DOWN_FAILED:
            add(step, "run:downgrade-failed", WARNING, f"The downgrade fails: {step.downgrade_error}")
    return found
