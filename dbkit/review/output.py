"""Findings as text for a person, JSON for a program, SARIF 2.1.0 for GitHub code scanning,
and GitHub workflow annotations (``::error file=...,line=...::message``)."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

from dbkit.review.findings import ERROR, Finding, printable, single_line
from dbkit.review.rules import rule_for

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = "docs/review"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def summary(findings: list[Finding], revisions: int) -> str:
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    line = (f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in "
            f"{plural(revisions, 'revision')}")
    unrendered = sorted({Path(f.file).name for f in findings if f.rule == "not-rendered"})
    if unrendered:  # squawk did not check these: say which
        shown = ", ".join(unrendered[:5]) + (", ..." if len(unrendered) > 5 else "")
        line += f"; {plural(len(unrendered), 'revision')} not rendered for squawk ({shown})"
    return line


def text(findings: list[Finding], revisions: int) -> str:
    lines = []
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.file].append(finding)
    for file in sorted(by_file):
        lines.append(single_line(file))
        for f in sorted(by_file[file], key=lambda f: (f.line, f.rule)):
            lines.append(f"  {f.line:>4}  {f.severity:<7}  {f.rule}: {single_line(f.message)}")
            if f.fix:
                lines.append(f"        {'':<7}  fix: {single_line(f.fix)}")
        lines.append("")
    lines.append(summary(findings, revisions))
    return "\n".join(lines)


def as_json(findings: list[Finding], revisions: int) -> str:
    return json.dumps([f.as_json() for f in findings], indent=2)


def _uri(file: str, absolute_as_uri: bool = True) -> str:
    """A path relative to the working directory (the repository root in CI), with slashes."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri() if absolute_as_uri else path.as_posix()
    return Path(os.path.normpath(path)).as_posix()


def sarif(findings: list[Finding], revisions: int) -> str:
    """SARIF 2.1.0: one run, a rule entry per rule id found, a result per finding."""
    ids = sorted({f.rule for f in findings})
    rules = []
    for rule_id in ids:
        rule = rule_for(rule_id)
        page = f"{DOCS}/{rule.id}.md"
        rules.append({
            "id": rule_id,
            "name": "".join(part.capitalize() for part in rule_id.replace(":", "-").split("-")),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.rationale},
            "help": {"text": rule.fix, "markdown": f"{rule.fix}\n\nSee {page}."},
            "defaultConfiguration": {"level": rule.severity},
            "properties": {"tags": ["migrations", "alembic"]},
        })
    results = [{
        "ruleId": f.rule,
        "ruleIndex": ids.index(f.rule),
        "level": f.severity,
        "message": {"text": printable(f.text())},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": printable(_uri(f.file))},
            "region": {"startLine": max(f.line, 1)},
        }}],
    } for f in findings]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "dbkit-review",
                "informationUri": "https://squawkhq.com/",
                "rules": rules,
            }},
            "results": results,
            "properties": {"revisions": revisions},
        }],
    }
    return json.dumps(log, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding], revisions: int) -> str:
    """One workflow command per finding, then the summary line."""
    lines = [f"::{f.severity} file={_escape_property(printable(_uri(f.file, False)))},"
             f"line={f.line},title={_escape_property(f.rule)}::"
             f"{_escape_data(printable(f.text()))}" for f in findings]
    lines.append(summary(findings, revisions))
    return "\n".join(lines)


FORMATS = {"text": text, "json": as_json, "sarif": sarif, "github": github}
