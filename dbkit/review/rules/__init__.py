"""The rules, one module each, and the registry that knows them all.

Adding a rule: a module here with ``RULE = Rule(...)`` (id, severity, summary,
rationale, fix, examples, check), its name in ``MODULES``, and a corpus folder
``tests/dbkit/review/corpus/<rule-id>/``. The docs table and the rule's page are
generated from the ``Rule``.
"""

from __future__ import annotations

import importlib

from dbkit.errors import ConfigError
from dbkit.review import findings
from dbkit.review.rules.base import Rule

MODULES = ("rename_as_drop_add", "not_null_without_backfill", "data_dropped",
           "unnamed_constraint", "broken_chain", "file_not_read", "missing_downgrade", "empty_revision",
           "not_rendered", "squawk", "ignore_comment")

SQUAWK_PREFIX = "squawk:"


class UnknownRule(ConfigError):
    """A rule id no module here defines (in code, a config file or an ignore comment)."""


def _load() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for name in MODULES:
        rule = importlib.import_module(f"{__name__}.{name}").RULE
        if rule.id in rules:
            raise RuntimeError(f"two rules with the id {rule.id}")
        rules[rule.id] = rule
    return rules


RULES: dict[str, Rule] = _load()  # id -> Rule, in the order of the docs table


def rule_for(rule_id: str) -> Rule:
    """The rule of an id; every ``squawk:<rule>`` is the squawk rule. Unknown: UnknownRule."""
    if rule_id.startswith(SQUAWK_PREFIX) and len(rule_id) > len(SQUAWK_PREFIX):
        return RULES["squawk"]
    try:
        return RULES[rule_id]
    except KeyError:
        raise UnknownRule(f"unknown review rule {rule_id!r}; the rules are: "
                          f"{', '.join(RULES)}, squawk:<rule>") from None


findings.severity_of = lambda rule_id: rule_for(rule_id).severity


def checks() -> list[Rule]:
    """The rules that have a static check, in registry order."""
    return [rule for rule in RULES.values() if rule.check is not None]


__all__ = ["RULES", "Rule", "UnknownRule", "checks", "rule_for"]
