"""``[tool.dbkit.review]`` in pyproject.toml: severity per rule, paths left out.

::

    [tool.dbkit.review]
    exclude = ["migrations/versions/0001_*.py"]   # globs, from the pyproject.toml folder

    [tool.dbkit.review.severity]
    "missing-downgrade" = "error"     # "error", "warning" or "off"
    "squawk:*" = "off"                # every squawk rule

The nearest pyproject.toml at or above the reviewed path is used. An unknown
rule id or severity is a ConfigError (exit 2), never silently ignored.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from dbkit import project
from dbkit.errors import ConfigError
from dbkit.review.findings import SEVERITIES, Finding
from dbkit.review.rules import SQUAWK_PREFIX, rule_for

OFF = "off"


@dataclass(frozen=True)
class Config:
    root: Path | None = None  # the folder of the pyproject.toml read
    severity: dict[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()

    def excluded(self, path: Path) -> bool:
        if not self.exclude or self.root is None:
            return False
        try:
            relative = path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return False
        return any(fnmatch.fnmatch(relative, pattern) for pattern in self.exclude)

    def apply(self, finding: Finding) -> Finding | None:
        """The finding with its configured severity, or None when its rule is off."""
        wanted = self.severity.get(finding.rule)
        if wanted is None and finding.rule.startswith(SQUAWK_PREFIX):
            wanted = self.severity.get(SQUAWK_PREFIX + "*")
        if wanted is None:
            return finding
        return None if wanted == OFF else finding.replace(severity=wanted)


def find_pyproject(start: Path) -> Path | None:
    here = start.resolve()
    for folder in (here, *here.parents) if here.is_dir() else here.parents:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load(start: Path) -> Config:
    pyproject = find_pyproject(start)
    if pyproject is None:
        return Config()
    try:
        data = tomllib.loads(project.read_inside(pyproject, pyproject.parent))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject} cannot be read: {exc}") from None
    section = data.get("tool", {}).get("dbkit", {}).get("review", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{pyproject}: [tool.dbkit.review] must be a table")
    unknown = set(section) - {"severity", "exclude"}
    if unknown:
        raise ConfigError(f"{pyproject}: unknown key(s) in [tool.dbkit.review]: "
                          f"{', '.join(sorted(unknown))} (expected severity, exclude)")
    severity = section.get("severity", {})
    exclude = section.get("exclude", [])
    if not isinstance(severity, dict) or not isinstance(exclude, list) \
            or not all(isinstance(p, str) for p in exclude):
        raise ConfigError(f"{pyproject}: [tool.dbkit.review] severity must be a table and "
                          "exclude a list of globs")
    for rule, level in severity.items():
        if rule != SQUAWK_PREFIX + "*":
            rule_for(rule)  # UnknownRule (a ConfigError) for a rule we do not have
        if level not in (*SEVERITIES, OFF):
            raise ConfigError(f"{pyproject}: severity of {rule} must be error, warning or off, "
                              f"not {level!r}")
    return Config(pyproject.parent.resolve(), dict(severity), tuple(exclude))
