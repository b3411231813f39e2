"""The reviewer's docs pages, generated from the rule registry.

``python -m dbkit review --write-docs docs/review`` writes them; a test fails
when the committed pages differ from what this module generates.
"""

from __future__ import annotations

from pathlib import Path

from dbkit.review.rules import RULES, Rule

GENERATED = "<!-- Generated from dbkit/review/rules/ by `python -m dbkit review --write-docs " \
            "docs/review`: edit the rule, not this page. -->"


def shown_id(rule: Rule) -> str:
    return "squawk:<rule>" if rule.id == "squawk" else rule.id


def rules_table() -> str:
    """The markdown table of every rule: id (linked to its page), severity, summary."""
    lines = ["| rule | severity | what it reports |", "| --- | --- | --- |"]
    for rule in RULES.values():
        lines.append(f"| [`{shown_id(rule)}`]({rule.id}.md) | {rule.severity} | "
                     f"{rule.summary.replace('|', '/')} |")
    return "\n".join(lines)


def index_page() -> str:
    return "\n".join([
        GENERATED, "", "# Review rules", "",
        "`python -m dbkit review [PATH ...]` reads each revision file statically and reports "
        "what these rules find. Errors make it exit 1, warnings alone 0, bad input 2.", "",
        rules_table(), "",
        "Each rule's page says what it catches, why it matters, how to fix it and how to "
        "silence it. [Real chains](real-chains.md) shows what the rules find on large "
        "public chains and learners' repositories.", "",
        "## In CI", "",
        "```sh",
        "python -m dbkit review --format sarif > review.sarif   # for GitHub code scanning",
        "python -m dbkit review --format github                 # annotations in a workflow",
        "python -m dbkit review --diff-base main                # only revisions changed since main",
        "python -m dbkit review --list-rules --format markdown  # the table above",
        "```", "",
        "A path may be a revision file, a versions folder or a repository (its `alembic.ini`'s "
        "`script_location` and `version_locations` are followed, one chain per section). "
        "No revision found is exit 2, naming the folders looked at.", "",
        "Configuration, in the reviewed repository's `pyproject.toml`:", "",
        "```toml",
        "[tool.dbkit.review]",
        'exclude = ["migrations/versions/0001_*.py"]  # globs from the pyproject.toml folder',
        "",
        "[tool.dbkit.review.severity]",
        '"missing-downgrade" = "error"  # "error", "warning" or "off"',
        '"squawk:*" = "warning"         # every squawk rule',
        "```", "",
        "One finding is silenced by a comment on its line or right above it, with its reason: "
        "`# dbkit: ignore[data-dropped] because <reason>`.", "",
        "With [pre-commit](https://pre-commit.com), in the repository's "
        "`.pre-commit-config.yaml` (the hook runs this checkout's code with the Python named "
        "by `PYTHON`, else `python3`, which needs the packages of `requirements.txt`):", "",
        "```yaml",
        "repos:",
        "  - repo: <this repository's URL>",
        "    rev: <a tag or commit>",
        "    hooks:",
        "      - id: dbkit-review",
        "```", ""])


def _silence(rule: Rule) -> str:
    shown = "squawk:<rule>" if rule.id == "squawk" else rule.id
    lines = [
        "On the line of the finding, or in the comment block right above it, say why:", "",
        "```python", f"# dbkit: ignore[{shown}] because <the reason, in words>", "```", "",
        "The reason is required: an ignore comment without one silences nothing and is "
        "reported itself ([`ignore-comment`](ignore-comment.md)). For the whole repository, "
        "set the rule's severity (or turn it off) in `pyproject.toml`:", "",
        "```toml", "[tool.dbkit.review.severity]",
        f'"{shown}" = "warning"  # or "error", or "off"', "```"]
    if rule.id in ("data-dropped", "rename-as-drop-add"):
        lines += ["", "When the data really is kept elsewhere, say where instead; that is not "
                  "an ignore, it is the answer:", "", "```python",
                  "# dbkit: data-kept-in archive.recruit_id_numbers",
                  'op.drop_column("recruits", "id_number")', "```"]
    return "\n".join(lines)


def rule_page(rule: Rule) -> str:
    parts = [GENERATED, "", f"# `{shown_id(rule)}`", "",
             f"**Severity:** {rule.severity}. **Reports:** {rule.summary}.", "",
             "## Why it matters", "", rule.rationale, ""]
    if rule.example:
        parts += ["## What it catches", "", "```python", rule.example, "```", ""]
    parts += ["## How to fix it", "", rule.fix, ""]
    if rule.fixed:
        parts += ["```python", rule.fixed, "```", ""]
    parts += ["## How to silence it", "", _silence(rule), ""]
    return "\n".join(parts)


def pages() -> dict[str, str]:
    """File name -> text, for every page of docs/review generated from the rules."""
    generated = {"rules.md": index_page()}
    generated |= {f"{rule.id}.md": rule_page(rule) for rule in RULES.values()}
    return generated


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
