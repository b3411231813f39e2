"""The three comparisons: database against its stamped revision, models against the head,
and the stamped revision against the head. They decide; ``messages`` says."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit import database, revisions
from dbkit.drift import compare, messages
from dbkit.drift.compare import DATABASE, MODELS, REVISION, Change, Rename, Side
from dbkit.drift.expected import RevisionFailed, copy_rows, migrate, read_only_engine, scratch_database
from dbkit.state import marker, progress

if TYPE_CHECKING:
    from sqlalchemy import MetaData
    from sqlalchemy.engine import Connection


@dataclass(frozen=True)
class Finding:
    """One difference: which side moved (``kind``), what changed, and the fix for this environment."""

    kind: Side  # database | models | revision
    change: str  # e.g. "column added", "column renamed", "nullability changed", "pending"
    table: str | None
    column: str | None
    message: str
    fix: str


@dataclass
class Report:
    env: str
    address: str
    stamped: str | None
    head: str | None
    findings: list[Finding] = field(default_factory=list)
    heads: int = 1  # how many heads the chain has (0: no migration yet)

    @property
    def in_sync(self) -> bool:
        return not self.findings

    def of_kind(self, kind: Side) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]


def changes_of(side: Side, diffs: list) -> list[Change | Rename]:
    """Alembic's diffs as changes of the side that moved, renames paired."""
    return compare.fold(compare.changes_from(diffs, moved_side_is_database=side == DATABASE))


def change_key(change: Change | Rename) -> frozenset:
    """What a change is about (kind of object, table, column, name), whichever side moved."""
    parts = change if isinstance(change, tuple) else (change,)
    return frozenset((c.what, c.table, c.column, getattr(c.obj, "name", None)
                      if c.what not in ("column", "table") else None) for c in parts)


def finding_for(side: Side, change: Change | Rename, env: str, stamped: str | None,
                matching: str | None = None, models_differ: set[frozenset] | None = None
                ) -> Finding:
    """``models_differ``: the keys of what the database and the models disagree on; a
    hand-made change outside it is what the models require, so its fix never undoes it."""
    first = change[1] if isinstance(change, tuple) else change
    if side == DATABASE and not matching and models_differ is not None \
            and change_key(change) not in models_differ:
        fix = messages.models_require(change, env)
    elif side == DATABASE:
        fix = messages.database_fix(change, env, matching)
    else:
        fix = messages.models_fix(change)
    return Finding(side, messages.change_label(change), first.table,
                   first.column if first.what != "table" else None,
                   messages.message_for(side, change, stamped), fix)


def findings_for(side: Side, diffs: list, env: str, stamped: str | None,
                 matching: str | None = None,
                 models_differ: set[frozenset] | None = None) -> list[Finding]:
    return [finding_for(side, change, env, stamped, matching, models_differ)
            for change in changes_of(side, diffs)]


def known(revision: str) -> bool:
    return revisions.has(revision)


def revision_findings(env: str, stamped: list[str], heads: list[str]) -> list[Finding]:
    found = []
    if len(heads) > 1:
        found.append(Finding(REVISION, "several heads", None, None, *messages.several_heads(heads)))
    if len(stamped) > 1:
        found.append(Finding(REVISION, "several revisions stamped", None, None,
                             *messages.several_stamped(stamped, env)))
        return found
    at = stamped[0] if stamped else None
    if at is not None and not known(at):
        found.append(Finding(REVISION, "unknown revision", None, None,
                             *messages.unknown_revision(at, env)))
        return found
    if len(heads) == 1 and at != heads[0]:
        script = revisions.script_directory()
        pending = list(reversed([s.revision for s in script.iterate_revisions(heads[0], at)]))
        if pending:
            found.append(Finding(REVISION, "pending", None, None,
                                 *messages.pending(at, pending, env)))
    return found


def models_metadata() -> MetaData:
    """What the chain's models say the schema is: its env.py's ``target_metadata`` (a seam the
    tests use to move the models)."""
    from sqlalchemy import MetaData

    found = revisions.target_metadata()
    if found is None:
        return MetaData()  # an env.py without models: nothing to compare them with
    if isinstance(found, MetaData):
        return found
    merged = MetaData()  # several MetaData: one view of all their tables
    for each in found:
        for table in each.tables.values():
            table.to_metadata(merged)
    return merged


def check(target: database.Target) -> Report:
    """All three comparisons for ``target``; raises DbkitError when it cannot check.

    A revision that fails in the scratch database is a finding, not a failure to
    check: the database is then compared with the last revision that ran.
    """
    from alembic.runtime.migration import MigrationContext

    heads = list(revisions.script_directory().get_heads())
    engine = read_only_engine(target)
    try:
        with database.connect(engine, target) as live:
            # ENV=dev on the prod database: its fixes would be dev's. Refuse before any scratch.
            marker.require_environment(live, target)
            interrupted = progress.interrupted(live)
            live.rollback()
            stamped = list(MigrationContext.configure(live).get_current_heads())
            at = stamped[0] if len(stamped) == 1 else None
            report = Report(target.env, target.address, at, heads[0] if len(heads) == 1 else None,
                            heads=len(heads))
            found = revision_findings(target.env, stamped, heads)
            comparable = len(stamped) <= 1 and (at is None or known(at))
            if comparable:
                with scratch_database(target.url) as scratch_engine, \
                        scratch_engine.connect() as scratch:
                    if interrupted is not None:  # between two revisions, as the run left it
                        found = interrupted_findings(scratch, report, found, interrupted)
                    else:
                        found = compare_all(live, scratch, report, found, no_heads=not heads)
            report.findings = found
            live.rollback()
    finally:
        engine.dispose()
    return report


def interrupted_findings(scratch: Connection, report: Report, revision_found: list[Finding],
                         interrupted: progress.Interrupted) -> list[Finding]:
    """A run was killed inside a revision: that, the command that finishes it, and the models
    against the head. The database is not compared with a revision: it is between two."""
    found = [Finding(REVISION, "interrupted", None, None,
                     *messages.interrupted(interrupted.describe(), interrupted.revision,
                                           report.stamped, interrupted.command))]
    finishes_all = interrupted.command.endswith(" upgrade head")
    found += [f for f in revision_found if not (f.change == "pending" and finishes_all)]
    if report.head:
        try:
            migrate(scratch, report.head)
        except RevisionFailed as failed:
            found.append(broken_finding(failed, report.env, report.stamped, tried_rows=False))
        else:
            found += models_findings(scratch, report.env)
    return found


def compare_all(live: Connection, scratch: Connection, report: Report, revision_found: list[Finding],
                no_heads: bool) -> list[Finding]:
    """The database against its revision, and the models against the head, in ``scratch``."""
    env, at, head = report.env, report.stamped, report.head
    broken: RevisionFailed | None = None
    reference = at
    if at is not None:
        try:
            migrate(scratch, at)
        except RevisionFailed as failed:  # the stamped revision cannot be rebuilt
            broken, reference = failed, failed.reached
    diffs = compare.against_revision(live, scratch)
    matching = None
    if diffs and head and broken is None:
        try:
            matching = first_matching_revision(live, scratch, at, head)
        except RevisionFailed as failed:
            broken = failed
    models_differ = None
    if diffs:  # which of the hand-made changes the models want too
        models_differ = {change_key(c) for c in changes_of(
            DATABASE, compare.diff(live, models_metadata()))}
        if live.in_transaction():
            live.rollback()
    found = findings_for(DATABASE, diffs, env, reference, matching, models_differ)
    tried_rows = False
    if broken is None and (head or no_heads):
        if head and at != head and not diffs:  # try the pending revisions on this database's rows
            tried_rows = copy_rows(live, scratch)
        try:
            if head and current(scratch) != head:
                migrate(scratch, head)
        except RevisionFailed as failed:
            broken = failed
        else:
            found += models_findings(scratch, env)
    for finding in revision_found:
        if finding.change == "pending" and (broken is not None or diffs):
            finding = Finding(finding.kind, finding.change, None, None, finding.message,
                              messages.pending_after_fix(env, broken.revision if broken else None,
                                                         bool(diffs)))
        found.append(finding)
    if broken is not None:
        found.append(broken_finding(broken, env, at, tried_rows))
    return found


def current(connection: Connection) -> str | None:
    with compare.quiet():
        at = revisions.current(connection)
    if connection.in_transaction():
        connection.rollback()
    return at


def shown(path: Path) -> str:
    """A revision file as messages name it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def broken_finding(failed: RevisionFailed, env: str, stamped: str | None,
                   tried_rows: bool) -> Finding:
    script = revisions.script_directory()
    applied = stamped is not None and failed.revision in {
        s.revision for s in script.iterate_revisions(stamped, "base")}
    path = script.get_revision(failed.revision).path
    message, fix = messages.revision_fails(
        failed.revision, failed.reason, failed.sqlstate, env, applied=applied,
        tried_rows=tried_rows, path=shown(Path(path)))
    return Finding(REVISION, "revision fails", None, None, message, fix)


def first_matching_revision(live: Connection, scratch: Connection, at: str | None,
                            head: str) -> str | None:
    """The later revision whose schema the hand-changed database already has, if any.

    Steps the scratch database one revision at a time towards head; leaves it at
    the last revision tried (head when nothing matched).
    """
    script = revisions.script_directory()
    for step in reversed(list(script.iterate_revisions(head, at))):
        migrate(scratch, step.revision)
        if not compare.against_revision(live, scratch):
            return step.revision
    return None


def models_findings(scratch_at_head: Connection, env: str) -> list[Finding]:
    return findings_for(MODELS, compare.diff(scratch_at_head, models_metadata()), env, None)
