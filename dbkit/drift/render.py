"""A drift report as text for a person, or as JSON for a program (same findings, same order)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from dbkit import revisions
from dbkit.drift.checks import Report
from dbkit.drift.compare import DATABASE, MODELS, REVISION
from dbkit.drift.messages import KIND_TITLES


def as_text(report: Report) -> str:
    lines = [f"{report.env} database {report.address}: at "
             f"{revisions.describe(report.stamped) if report.stamped else 'no revision'}, "
             f"head is {head(report)}"]
    if report.in_sync:
        lines.append("In sync: the database matches its revision, the models match the "
                     "migrations, and the database is at head.")
        return "\n".join(lines)
    for kind in (DATABASE, MODELS, REVISION):
        found = report.of_kind(kind)
        if not found:
            continue
        lines += ["", f"{KIND_TITLES[kind]}:"]
        for finding in found:
            lines += [f"  - {finding.message}", f"    fix ({report.env}): {finding.fix}"]
    lines += ["", f"{len(report.findings)} difference{'s' if len(report.findings) != 1 else ''}."]
    return "\n".join(lines)


def head(report: Report) -> str:
    if report.head:
        return report.head
    return "none (no migration yet)" if report.heads == 0 else "ambiguous"


def as_json(report: Report) -> dict[str, Any]:
    return {"env": report.env, "database": report.address,
            "stamped": report.stamped, "head": report.head,
            "in_sync": report.in_sync,
            "findings": [asdict(f) for f in report.findings]}
