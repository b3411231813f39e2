"""ignore-comment: an ignore comment that gives no reason, or names no rule."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit.review.rules.base import ERROR, Rule

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.findings import Finding


def check(ctx: Context) -> Iterator[Finding]:
    from dbkit.review.rules import UnknownRule, rule_for  # the registry imports this module

    for rev in ctx.readable:
        for ignore in rev.ignores.values():
            unknown = []
            for rule in ignore.rules:
                try:
                    rule_for(rule[:-1] + "x" if rule.endswith(":*") else rule)
                except UnknownRule:
                    unknown.append(rule)
            if unknown or not ignore.rules:
                yield RULE.finding(
                    rev, ignore.line,
                    f"The ignore comment names {', '.join(map(repr, unknown)) or 'no rule'}, "
                    "which the reviewer does not have: it silences nothing.",
                    "name the rule of the finding (python -m dbkit review --list-rules).")
            elif not ignore.reason:
                yield RULE.finding(
                    rev, ignore.line,
                    "The ignore comment gives no reason: it silences nothing until it says why.",
                    f"# dbkit: ignore[{', '.join(ignore.rules)}] because <the reason>")


RULE = Rule(
    id="ignore-comment",
    severity=ERROR,
    summary="a `# dbkit: ignore[rule]` comment without `because <reason>`, or naming a rule "
            "that does not exist",
    rationale="An ignore comment is a decision someone made about data or locks; the next "
              "person to read the revision needs to know why. One without a reason (or with a "
              "mistyped rule id) silences nothing, and is reported so it is fixed, not "
              "forgotten.",
    fix="Write the reason after `because`: `# dbkit: ignore[data-dropped] because the column "
        "was never filled in prod`. Rule ids are listed by `python -m dbkit review "
        "--list-rules`; `squawk:*` names every squawk rule.",
    example="op.drop_column(\"recruits\", \"id_number\")  # dbkit: ignore[data-dropped]",
    fixed="# dbkit: ignore[data-dropped] because id_number was never filled in (checked on prod)\n"
          "op.drop_column(\"recruits\", \"id_number\")",
    check=check,
)
