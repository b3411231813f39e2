"""broken-chain: a chain Alembic cannot run, or a change the chain makes twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit.review import unmade, upgradeheads
from dbkit.review.context import RUN_HINT, UNFOLLOWED
from dbkit.review.rules.base import ERROR, WARNING, Rule
from dbkit.review.swallowed import softened

if TYPE_CHECKING:
    from dbkit.review.chain import Chain
    from dbkit.review.context import Context
    from dbkit.review.findings import Finding
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision


def check(ctx: Context) -> Iterator[Finding]:
    yield from _files(ctx)
    yield from _links(ctx)
    for event in ctx.walk.of("missing-table"):
        created = event.detail["created"]
        if created and created not in ctx.chain.descendants(event.rev):
            yield RULE.finding(  # (Andreicr1/netz-analysis-engine 0110 and 0130, held-out35)
                event.rev, event.op.line,
                f"{event.op.name} on table {event.op.table}, which revision {created} creates "
                "on another branch: the upgrade runs only if Alembic takes that branch first "
                "(`alembic upgrade head` orders branches by itself; a database upgraded to this "
                "revision alone fails here).",
                f"make {created} (or the revision after it) this revision's down_revision, or "
                "create the table on this branch.").replace(severity=WARNING)
            continue
        why = f"revision {created} creates it later in the chain" if created \
            else "an earlier revision dropped it"
        yield softened(RULE.finding(
            event.rev, event.op.line,
            f"{event.op.name} on table {event.op.table}, which does not exist at this point "
            f"of the chain ({why}): the upgrade fails here.",
            "order the revisions so the table is created first (down_revision), or change the "
            "table that does exist."), event.op, "missing")
    for event in ctx.walk.of("missing-column"):
        dropped = event.detail["dropped"]
        never = dropped == unmade.NEVER_MADE
        if unmade.fails(ctx.chain, event.rev, event.op, dropped):
            yield softened(RULE.finding(
                event.rev, event.op.line,
                f"drop_column of {event.op.table}.{event.op.column}, which does not exist at "
                "this point of the chain (" + ("no revision before this one made it" if never
                                               else f"revision {dropped}, before this one, "
                                               "dropped it") + "): the upgrade fails here.",
                "delete the drop (or add the column first, in the revision meant to make it)."
                if never else "delete the repeated drop (or the revision that repeats it)."),
                event.op, "missing")
    for event in ctx.walk.of("twice"):
        outside = _outside_between(ctx, event.rev, event.detail["earlier"])
        if outside:
            yield RULE.finding(
                event.rev, event.op.line,
                f"The same change may be applied twice: {event.detail['what']} by revision "
                f"{event.detail['earlier']}, but this revision depends on {outside}, a "
                "revision of another chain that the reviewer cannot read: it may run between "
                "the two and drop it first (as a package's revision drops the foreign keys on "
                f"its tables). Review both folders together. {RUN_HINT}",
                "delete the repeated step (or the revision that repeats it)."
            ).replace(severity=WARNING)
            continue
        if not ctx.on_path(event.rev, event.detail["earlier"]):
            yield softened(RULE.finding(
                event.rev, event.op.line,
                f"The same change is made on two branches: "
                f"{event.detail['what'].replace(' already ', ' ')} by revision "
                f"{event.detail['earlier']} too, which is not on this revision's path. Each "
                "branch alone makes it once; a database that runs both (`alembic upgrade "
                "heads`, or once the branches are merged) fails at the second.",
                "make the change once: in a revision both branches come after, or on one "
                "branch only."), event.op, "twice")
            continue
        undo = _may_undo(event.rev, event.op)
        finding = RULE.finding(
            event.rev, event.op.line,
            f"The same change {'may be' if undo else 'is'} applied twice: "
            f"{event.detail['what']} by revision {event.detail['earlier']}" + (
                f", but the reviewer could not follow {undo.reason}, which may drop it "
                f"first. {RUN_HINT}" if undo else "."),
            "delete the repeated step (or the revision that repeats it).")
        yield finding.replace(severity=WARNING) if undo else softened(finding, event.op, "twice")


def _outside_between(ctx: Context, rev: Revision, earlier: str) -> str:
    """A ``depends_on`` of ``rev``, or of a revision between ``earlier`` and it, on a
    revision of no folder reviewed (another package's chain, invenio-communities
    02cd82910727 on invenio-accounts f2522cdd5fcd): that revision may run after ``earlier``
    and undo what it made; "" when there is none."""
    chain = ctx.chain
    labels = chain.labels()
    outside: dict[str, str] = {}
    for other in chain.good:
        for depends in other.depends_on:
            if depends not in chain.by_id and depends not in labels:
                outside.setdefault(other.name, depends)
    if not outside:
        return ""
    between = [rev] + [r for r in ctx.ancestors(rev, len(chain.revisions)) if r.name in outside
                       and earlier in {a.name for a in ctx.ancestors(r, len(chain.revisions))}]
    for current in between:
        if current.name in outside:
            depends = outside[current.name]
            return depends if current is rev else f"{depends} (through {current.name})"
    return ""


def _may_undo(rev: Revision, op: Op) -> Op | None:
    """Code not followed earlier in the revision that may drop what ``op`` makes again: SQL
    it cannot read or a call it cannot resolve, that names the table and says DROP (a DO
    block dropping every foreign key of a column found in pg_constraint)."""
    bare = (op.table or "").rpartition(".")[2].lower()
    for other in rev.upgrade:
        if other.seq >= op.seq:
            return None
        if other.name in UNFOLLOWED and (other.mentions is None or (
                bare in other.mentions and "drop" in other.mentions)):
            return other
    return None


def _files(ctx: Context) -> Iterator[Finding]:
    ids: dict[str, str] = {}
    for rev in ctx.revisions:
        if rev.not_read:
            continue  # file-not-read says why
        if rev.python2:
            yield RULE.finding(
                rev, rev.revision_line,
                f"The file {rev.error}: its operations were not read. Alembic loads it only "
                "under a Python 2 interpreter (the project's, if it runs on Python 2.7).",
                "review its upgrade() and downgrade() by hand, or port it to Python 3 "
                "(`print(...)`) so the reviewer reads it.").replace(severity=WARNING)
        elif rev.newer_python:
            yield RULE.finding(
                rev, rev.revision_line,
                f"The file {rev.error}: its operations were not read (its syntax may be "
                "new in that Python).",
                f"run the review under Python {rev.newer_python} or newer, or review its "
                "upgrade() and downgrade() by hand.").replace(severity=WARNING)
        elif rev.error:
            yield RULE.finding(rev, rev.revision_line, f"The file {rev.error}.",
                               "fix the syntax; Alembic cannot load any revision until then.")
        elif not rev.revision:
            yield RULE.finding(rev, rev.revision_line,
                               "The file has no `revision = \"...\"` identifier.",
                               "give it the revision id Alembic wrote in its header.")
        else:
            if rev.fails_at:  # (undefined.py)
                name, line = rev.fails_at
                yield RULE.finding(
                    rev, line,
                    f"upgrade() uses {name}, which the file neither imports nor defines: the "
                    "upgrade stops here with a NameError, and nothing after this line runs.",
                    f"import or define {name} (or take out what uses it), then run the "
                    "revision again.")
            if rev.revision in ids:
                yield RULE.finding(rev, rev.revision_line,
                                   f"Revision id {rev.revision} is also used by "
                                   f"{ids[rev.revision]}.",
                                   "give one of them a new id and chain it after the other.")
            ids.setdefault(rev.revision, rev.shown)


def _links(ctx: Context) -> Iterator[Finding]:
    chain = ctx.chain
    for rev in chain.good:
        if not rev.has_down_revision:
            yield RULE.finding(rev, rev.revision_line,
                               f"Revision {rev.revision} has no down_revision.",
                               "set down_revision to the revision it follows (None for the "
                               "first).")
        for depends in rev.depends_on:
            if not chain.known(depends) and depends not in chain.labels():
                yield _unknown_dependency(rev, depends)
        for parent in rev.down_revision or ():
            if not chain.known(parent):
                yield RULE.finding(rev, rev.down_line,
                                   f"down_revision {parent!r} is not a revision in this folder: "
                                   "the chain is cut here.",
                                   "point down_revision at an existing revision "
                                   "(`alembic history`).")
    yield from _heads_and_roots(ctx)


def _heads_and_roots(ctx: Context) -> Iterator[Finding]:
    """Several heads, and several first revisions that merges do not join into every head:
    errors; warnings naming where the project runs ``alembic upgrade heads`` (which upgrades
    every head) when it does, and runs ``upgrade head`` nowhere the reviewer read."""
    chain = ctx.chain
    heads, roots = chain.heads(), chain.roots()
    several_heads = len(heads) > 1 and not chain.branches_are_labelled(heads, down=True)
    # Several first revisions that merges join into one head are a legal chain (two
    # projects' chains merged): `alembic upgrade head` runs them all. So are those from
    # each of which every head is reached: the heads, if several, are the one fault.
    several_roots = len(roots) > 1 and len(heads) != 1 \
        and not chain.branches_are_labelled(roots, down=False) and not _joined(chain, roots, heads)
    if not (several_heads or several_roots):
        return
    runs = upgradeheads.how_upgraded(ctx.repository)
    warned = runs.heads is not None and runs.head is None
    found: list[Finding] = []
    if several_heads:
        message = _heads_message(heads, runs)
        fix = HEADS_FIX if not warned else ("`alembic merge heads`, so that `alembic upgrade "
                                            "head` runs it too, or run `upgrade heads` "
                                            "wherever the chain is run.")
        found += [RULE.finding(rev, rev.revision_line, message, fix) for rev in heads]
    if several_roots:
        names = ", ".join(r.revision or "" for r in roots)
        message = f"The chain has {len(roots)} first revisions ({names})."
        if warned:
            message = (f"The chain has {len(roots)} first revisions ({names}), which merges do "
                       "not join into every head; the project runs `alembic upgrade heads` "
                       f"({_at(runs.heads)}), which runs every line from its first revision. "
                       "The reviewer cannot tell whether they were meant as separate lines.")
        found += [RULE.finding(rev, rev.down_line, message,
                               "only the first revision has down_revision = None.")
                  for rev in roots]
    for finding in found:
        yield finding.replace(severity=WARNING) if warned else finding


HEADS_FIX = "chain one after the other, or `alembic merge heads`."


def _heads_message(heads: list[Revision], runs: upgradeheads.Upgrades) -> str:
    names = ", ".join(r.revision or "" for r in heads)
    message = f"The chain has {len(heads)} heads ({names}): `alembic upgrade head` refuses to run"
    if runs.heads and not runs.head:
        return message + (f"; the project runs `alembic upgrade heads` ({_at(runs.heads)}), "
                          "which upgrades every head, and `upgrade head` nowhere the reviewer "
                          "read. The reviewer cannot tell that every database is upgraded "
                          "that way.")
    if runs.heads and runs.head:
        return message + (f" ({_at(runs.head)} runs it, though {_at(runs.heads)} runs "
                          "`upgrade heads`).")
    return message + "."


def _at(where: tuple[str, int] | None) -> str:
    return f"{where[0]}:{where[1]}" if where else ""


def _joined(chain: Chain, roots: list[Revision], heads: list[Revision]) -> bool:
    """Does every head descend from every root (merges join the first revisions, and any
    fork comes after them)? amo-portal: four first revisions, each reaching both heads."""
    if not heads:
        return False
    wanted = {h.name for h in heads}
    for root in roots:
        seen, todo = {root.name}, [root]
        while todo:
            for child in chain.children.get(todo.pop().name, []):
                if child.name not in seen:
                    seen.add(child.name)
                    todo.append(child)
        if not wanted <= seen:
            return False
    return True


def _unknown_dependency(rev: Revision, depends: str) -> Finding:
    """A depends_on that names nothing here: a warning, never a proven break. Alembic's way
    to run a chain after another package's is a depends_on on a revision of it, whose folder
    the project adds to version_locations at run time (invenio-db merges every package's):
    the reviewer cannot see that folder, nor tell it from a typo."""
    branch = f"; this branch: {', '.join(rev.branch_labels)}" if rev.branch_labels else ""
    return RULE.finding(
        rev, rev.revision_line,
        f"depends_on {depends!r} is neither a revision nor a branch label of the folders "
        f"reviewed: revision {depends} must come from another chain installed beside this "
        f"one (another package's version_locations{branch}); if it is not, Alembic stops here.",
        f"review it together with the folder that holds revision {depends}, or point "
        "depends_on at an existing revision or branch label.").replace(severity=WARNING)


RULE = Rule(
    id="broken-chain",
    severity=ERROR,
    summary="several heads or roots (unless on labelled branches, or roots every head "
            "descends from; warnings where the project runs `alembic upgrade heads` and "
            "`upgrade head` nowhere read), an unknown or missing "
            "`down_revision`, a duplicate revision id, a change to a table that does not exist "
            "yet, a drop of a column dropped before or never made, the same change applied "
            "twice, a file that does not parse, an upgrade that uses a name the file neither "
            "imports nor defines (Python stops there: what follows is not read as run) (a "
            "`depends_on` on "
            "no revision reviewed, and a change made again after one: warnings, another "
            "installed chain may bring the revision, or undo the change in between; a change "
            "to a table another branch creates: a warning, Alembic may run that branch first; a file "
            "written for Python 2, or one that does not parse under the reviewer's Python in a "
            "project whose `pyproject.toml`, `setup.cfg` or `.python-version` asks for a newer "
            "one: a warning, its operations not read)",
    rationale="Alembic loads every file of the versions folder before it runs any: one file "
              "that does not parse, or a `down_revision` that points nowhere, stops every "
              "`alembic upgrade`; two heads stop `alembic upgrade head` (`alembic upgrade "
              "heads` runs each, where every place that upgrades says so). A change made "
              "twice (a column added again, typically from a revision generated on two "
              "machines) fails on the database that already has it.",
    fix="Make the chain one line again: point `down_revision` at the revision before, "
        "`alembic merge heads` when two branches must both stay, and delete a repeated step.",
    example='revision = "0004"\ndown_revision = "0002"  # 0003 also follows 0002: two heads',
    fixed='revision = "0004"\ndown_revision = "0003"',
    check=check,
)
