"""What the reviewer reports: one :class:`Finding` per problem, on one line of one file.

A finding's ``rule`` is the id of a rule in :mod:`dbkit.review.rules` (or
``squawk:<rule>``); its ``severity`` comes from that rule unless the
configuration overrides it. ``confirmed`` is left ``None`` by the static
review; a run of the chain on a real database may set it True (it really
happened) or False (it did not).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"
SEVERITIES = (ERROR, WARNING)


def _no_registry(rule_id: str) -> str:
    raise RuntimeError("import dbkit.review.rules before making a Finding")


# rule id -> its default severity; set by dbkit.review.rules when it loads.
severity_of: Callable[[str], str] = _no_registry


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` that any output can encode: the bytes of a non-UTF-8 file name as ``\\xff``."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def single_line(text: str) -> str:
    """Learner text made safe to print on one line: printable, control characters (a newline
    that would start a forged GitHub workflow command, a terminal escape) as ``\\n``/``\\xNN``."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], printable(text))


@dataclass(frozen=True)
class Finding:
    file: str  # the path as the user gave it (or as found under it)
    line: int  # 1-based line in that file
    rule: str  # a registered rule id, or "squawk:<squawk rule>"
    message: str  # what is wrong and why it matters, one or two sentences
    fix: str = ""  # the safe way to do it, spelled out
    severity: str = ""  # "error" or "warning"; "" takes the rule's own
    confirmed: bool | None = None  # None: not run; True/False: a run of the chain says

    def __post_init__(self) -> None:
        # The rule registry imports this module and registers how to find a rule's
        # severity, so that this module need not import the registry (no cycle).
        severity = severity_of(self.rule)  # an unknown id raises UnknownRule
        if not self.severity:
            object.__setattr__(self, "severity", severity)
        elif self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    def replace(self, **changes: object) -> Finding:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def text(self) -> str:
        return f"{self.message} Fix: {self.fix}" if self.fix else self.message

    def as_json(self) -> dict:
        item: dict = {"file": printable(self.file), "line": self.line, "rule": self.rule,
                      "severity": self.severity, "message": printable(self.text()),
                      "fix": printable(self.fix)}
        if self.confirmed is not None:
            item["confirmed"] = self.confirmed
        return item

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.rule)
