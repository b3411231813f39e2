"""The migration reviewer: read a chain of Alembic revisions the way an instructor would.

Autogenerate writes every rename as "drop the old column, add the new one",
which throws the old column's data away, and learners commit it unedited.
Lock-safety linters miss that (they even flag the real rename as the unsafe
thing). This reviewer reads each revision file **statically** (no import of the
learner's models, no run of their ``env.py``), follows the chain from revision
to revision, and reports what the rules in :mod:`dbkit.review.rules` find; the
rule table is ``docs/review/rules.md``, generated from them.

The jobs, one module each:

- :mod:`~dbkit.review.reader`: a revision file to its ids and operations (a
  :class:`~dbkit.review.revision.Revision`), with
  :mod:`~dbkit.review.pgsql` (SQL, by PostgreSQL's parser) and
  :mod:`~dbkit.review.evaluate` (Python expressions and SQLAlchemy Core);
- :mod:`~dbkit.review.chain`: where the revisions are, their order, heads and roots;
- :mod:`~dbkit.review.schema`: the schema the chain builds, and what the walk saw;
- :mod:`~dbkit.review.drops`: what became of each drop's data;
- :mod:`~dbkit.review.rules`: one file per rule, and the registry;
- :mod:`~dbkit.review.findings`: the one :class:`Finding` class;
- :mod:`~dbkit.review.squawk`: squawk's lock-safety rules on the rendered SQL;
- :mod:`~dbkit.review.output`: text, JSON, SARIF 2.1.0 and GitHub annotations;
- :mod:`~dbkit.review.config`: ``[tool.dbkit.review]`` in pyproject.toml;
- :mod:`~dbkit.review.gitdiff`: ``--diff-base``, the files changed since a git ref.

Exit code of the command: 1 when there is any error-level finding, 0 otherwise,
2 on bad input.
"""

from __future__ import annotations

from pathlib import Path

from dbkit.review import dialect, envpy
from dbkit.review.chain import collect, collect_all, collect_named, scan_root
from dbkit.review.config import Config
from dbkit.review.config import load as load_config
from dbkit.review.context import Context
from dbkit.review.findings import ERROR, WARNING, Finding
from dbkit.review.gitdiff import changed_since
from dbkit.review.reader import Revision, read_revision
from dbkit.review.rules import RULES, UnknownRule, checks, rule_for


def review(revisions: list[Revision], report: set[Path] | None = None,
           sql: bool = True, config: Config | None = None,
           repository: Path | None = None) -> list[Finding]:
    """The findings on the files in ``report`` (default: all), judged against the whole chain.

    Ignore comments with a reason silence their findings; ``config`` (pyproject.toml's
    ``[tool.dbkit.review]``) sets severities and leaves paths out. ``repository``: the
    folder whose files say how the project runs its chain (``alembic upgrade heads``).
    """
    from dbkit.review import squawk  # renders SQL: imported only when asked for

    config = config or Config()
    reported = [r for r in revisions if (report is None or r.key in report)
                and not config.excluded(r.path)]
    folder = revisions[0].path.resolve().parent if revisions else Path.cwd()
    env = envpy.env_py(folder)
    ctx = Context.of(revisions, conventions=envpy.conventions(env),
                     data_migrations=envpy.data_migrations(env), repository=repository,
                     dialect=dialect.of(env, repository))
    findings: list[Finding] = []
    for rule in checks():
        assert rule.check is not None
        findings += rule.check(ctx)
    if sql:
        findings += squawk.findings([r for r in reported if not r.error])
    by_file = {r.shown: r for r in reported}
    kept = []
    for finding in findings:
        rev = by_file.get(finding.file)
        if rev is None:
            continue
        ignore = rev.ignore_for(finding.line, finding.rule)
        if ignore is not None and ignore.reason and finding.rule != "ignore-comment":
            continue
        configured = config.apply(finding)
        if configured is not None:
            kept.append(configured)
    return sorted(kept, key=Finding.sort_key)


def review_paths(paths: list[str], *, sql: bool = True, diff_base: str | None = None,
                 config: Config | None = None,
                 reviewed: list[tuple[str, int]] | None = None) -> tuple[list[Finding], int]:
    """Review each path (a file, a versions folder, a repository): the findings, and how many
    revisions were reported on. ``diff_base``: only revisions added or changed since that
    git ref. ``reviewed`` (if given) receives (name, revisions) of each chain found, so that
    several chains in one repository are each named. Bad input raises DbkitError (exit 2)."""
    findings: list[Finding] = []
    count = 0
    for given, chains in _chains(paths):
        settings = config or load_config(Path(given))
        changed = changed_since(Path(given), diff_base) if diff_base else None
        repository = scan_root(Path(given))
        for name, revisions, report in chains:
            if reviewed is not None:
                reviewed.append((name or given, len(revisions)))
            if changed is not None:
                report = report & changed
            report = {p for p in report if not settings.excluded(p)}
            count += sum(r.key in report for r in revisions)
            findings += review(revisions, report, sql=sql, config=settings,
                               repository=repository)
    return sorted(findings, key=Finding.sort_key), count


Named = list[tuple[str, list[Revision], set[Path]]]


def _chains(paths: list[str]) -> list[tuple[str, Named]]:
    """The chains of each path; files of one folder (pre-commit passes them) read it once."""
    result: list[tuple[str, Named]] = []
    files: dict[Path, tuple[str, Named]] = {}
    for given in paths:
        path = Path(given)
        if path.is_file() and path.suffix == ".py" and path.parent.resolve() in files:
            _, revisions, report = files[path.parent.resolve()][1][0]
            report.add(path.resolve())
            continue
        chains = collect_named(given)
        result.append((given, chains))
        if path.is_file():
            files[path.parent.resolve()] = result[-1]
    return result


__all__ = ["ERROR", "RULES", "WARNING", "Config", "Finding", "Revision", "UnknownRule",
           "collect", "collect_all", "read_revision", "review", "review_paths", "rule_for"]
