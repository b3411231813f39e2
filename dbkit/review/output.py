"""Findings as text for a person, or JSON for a program."""

from __future__ import annotations

import json
from collections import defaultdict

from dbkit.review.findings import ERROR, Finding


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def text(findings: list[Finding], revisions: int) -> str:
    lines = []
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.file].append(finding)
    for file in sorted(by_file):
        lines.append(file)
        for f in sorted(by_file[file], key=lambda f: (f.line, f.rule)):
            lines.append(f"  {f.line:>4}  {f.severity:<7}  {f.rule}: {f.message}")
            if f.fix:
                lines.append(f"        {'':<7}  fix: {f.fix}")
        lines.append("")
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    lines.append(f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in "
                 f"{plural(revisions, 'revision')}")
    return "\n".join(lines)


def as_json(findings: list[Finding], revisions: int) -> str:
    return json.dumps([f.as_json() for f in findings], indent=2)


FORMATS = {"text": text, "json": as_json}
