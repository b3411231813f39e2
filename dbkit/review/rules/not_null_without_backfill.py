"""not-null-without-backfill: NOT NULL on a column the existing rows have no value for."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit.review.context import RUN_HINT
from dbkit.review.defaults import default_kept
from dbkit.review.dialect import mysql_add
from dbkit.review.failsfirst import added_again
from dbkit.review.restated import restated
from dbkit.review.rowguards import empty_at
from dbkit.review.rules.base import ERROR, WARNING, Rule
from dbkit.review.samecommit import same_commit_note
from dbkit.review.swallowed import softened

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.findings import Finding
    from dbkit.review.schema import Event


def check(ctx: Context) -> Iterator[Finding]:
    twice = added_again(ctx)  # (a duplicate add fails whatever the rows hold: broken-chain's)
    for event in ctx.walk.events:  # (an upgrade that fails: not when a DO block's handler
        if event.kind == "add-not-null" and id(event.op) in twice:
            continue
        for finding in _of(ctx, event):  # swallows the failure, swallowed.py)
            yield softened(_noted(ctx, event, finding), event.op, "not-null")


def _noted(ctx: Context, event: Event, finding: Finding) -> Finding:
    """An error, with what git shows when the table came with this revision (samecommit.py),
    and the revision's own check that the table holds no row, if one comes first: on rows the
    upgrade stops there, by design (VFBiz 20260731_0022 read F, ksperis/s3-manager 0032 read
    T: the reader is told)."""
    if finding.severity != ERROR:
        return finding
    check = empty_at(event.rev.upgrade, event.op)
    refused = (f" The revision's check at line {check.line} refuses to go on if {check.table} "
               "holds any row: there the upgrade stops first, by design; it runs only on an empty "
               "table.") if check is not None and check.seq < event.op.seq else ""
    note = refused + same_commit_note(ctx, event.rev, event.op)
    return finding.replace(message=finding.message + note) if note else finding


def _of(ctx: Context, event: Event) -> Iterator[Finding]:
    rev, op = event.rev, event.op
    if event.kind == "add-not-null" and op.added and ctx.guard(rev, op):
        yield RULE.finding(
            rev, op.line,
            f"Adds {op.table}.{op.added.name} as NOT NULL with no server default, but "
            f"{ctx.guard(rev, op)}{RUN_HINT}").replace(severity=WARNING)
    elif event.kind == "add-not-null" and op.added and mysql_add(ctx.dialect, rev, op):
        yield from _on_mysql(ctx, event)
    elif event.kind == "add-not-null" and op.added:
        name = op.added.name
        late = next((b for b in rev.upgrade if b.name == "backfill" and b.seq > op.seq
                     and b.fills(op.table, name)), None)
        if late is not None:
            yield RULE.finding(
                rev, op.line,
                f"Adds {op.table}.{name} as NOT NULL with no server default, and fills it "
                f"only afterwards (line {late.line}): on a table with rows the add "
                "already fails.",
                f"add it nullable, keep the backfill where it is, then "
                f"op.alter_column(\"{op.table}\", \"{name}\", nullable=False) after it.")
            return
        yield RULE.finding(
            rev, op.line,
            f"Adds {op.table}.{name} as NOT NULL with no server default: on a table with "
            "rows the upgrade fails, since the existing rows have no value.",
            f"add it nullable, backfill it (op.execute(\"UPDATE ... SET {name} = ...\")), "
            "then op.alter_column(..., nullable=False); or give it a server_default.")
    elif event.kind == "set-not-null" and event.detail["needs_fill"] \
            and restated(ctx, rev, op) is None:  # (said again: the first one fails)
        yield from _set_not_null(ctx, event)


def _on_mysql(ctx: Context, event: Event) -> Iterator[Finding]:
    """An add on MySQL, which fills the existing rows with the type's implicit default: an
    error only when that fails (a date, a unique key), a warning otherwise, and nothing when
    the revision fills the column right after."""
    rev, op, added = event.rev, event.op, mysql_add(ctx.dialect, event.rev, event.op)
    assert op.added is not None and added is not None
    name = op.added.name
    if added.fails:
        yield RULE.finding(
            rev, op.line, f"Adds {op.table}.{name} as NOT NULL with no server default: on "
            f"MySQL {added.fails}",
            f"add it nullable, backfill it (op.execute(\"UPDATE ... SET {name} = ...\")), "
            "then op.alter_column(..., nullable=False); or give it a server_default.")
    elif not any(b.name == "backfill" and b.seq > op.seq and b.fills(op.table, name)
                 for b in rev.upgrade):
        value = f" ({added.value})" if added.value else ""
        yield RULE.finding(
            rev, op.line,
            f"Adds {op.table}.{name} as NOT NULL with no server default: on MySQL the "
            f"existing rows take its type's implicit default{value}, which the application "
            "may not expect.",
            "give it the server_default the existing rows should hold, or backfill them."
        ).replace(severity=WARNING)


def _set_not_null(ctx: Context, event: Event) -> Iterator[Finding]:
    rev, op, detail = event.rev, event.op, event.detail
    after = detail["filled_after"]
    fix = (f"backfill every row first (op.execute(\"UPDATE {op.table} SET {op.column} = ... "
           f"WHERE {op.column} IS NULL\")).")
    if after is not None and not detail["filled_before"]:  # else a second fill
        yield RULE.finding(
            rev, op.line,
            f"{op.table}.{op.column} is made NOT NULL before it is backfilled "
            f"(line {after}): the NOT NULL fails on the rows still NULL.",
            "move the backfill before the NOT NULL.")
    elif detail["filled_before"]:
        copied = _nulls_copied(ctx, event)
        if copied:
            yield RULE.finding(rev, op.line, copied, f"fill the rows left NULL too (`UPDATE "
                               f"{op.table} SET {op.column} = ... WHERE {op.column} IS NULL`).")
    elif detail["filled_partly"]:
        where, line, does = detail["filled_partly"]
        at = f"line {line}" if where == (rev.revision or rev.name) \
            else f"revision {where}, line {line}"
        if detail["picks_one"] and not ctx.doubt(rev, op):
            yield RULE.finding(
                rev, op.line,
                f"{op.table}.{op.column} is made NOT NULL, and every fill of it seen ({at}) "
                f"reaches only the rows WHERE {detail['picks_one']}: any other row still "
                "holds NULL, and then the upgrade fails.", fix)
            return
        yield RULE.finding(
            rev, op.line,
            f"{op.table}.{op.column} is made NOT NULL, and the only statement seen "
            f"that reaches its NULLs ({at}) {does}: the other "
            f"rows may still hold NULL, and then the upgrade fails. {RUN_HINT}",
            fix).replace(severity=WARNING)
    elif ctx.doubt(rev, op) or default_kept(ctx, rev, op):
        yield RULE.finding(
            rev, op.line,
            f"{op.table}.{op.column} is made NOT NULL and no backfill of it is seen, "
            f"but {ctx.doubt(rev, op) or default_kept(ctx, rev, op)}{RUN_HINT}"
        ).replace(severity=WARNING)
    else:
        yield RULE.finding(
            rev, op.line,
            f"{op.table}.{op.column} is made NOT NULL, but no revision before it fills "
            f"the existing rows: the upgrade fails on any NULL left.{ctx.proof(rev, op)}",
            f"backfill first (op.execute(\"UPDATE {op.table} SET {op.column} = ... "
            f"WHERE {op.column} IS NULL\")), in this revision or an earlier one.")


def _nulls_copied(ctx: Context, event: Event) -> str:
    """"" unless the column was added by this revision and its only fill copies another
    column of the same row (``SET a = b``) that this revision then makes NOT NULL with no
    fill at all (the reviewer's own error on b): b's NULLs stay NULL in a, and the NOT NULL
    of a fails on them first (osparc 481d5b472721: root_parent_project_name = project_name);
    else the error's message."""
    rev, op = event.rev, event.op
    column = (op.column or "").lower()
    if ctx.doubt(rev, op) or not any(
            o.name == "add_column" and o.table == op.table and o.seq < op.seq
            and (o.column or "").lower() == column for o in rev.upgrade):
        return ""
    fills = [o for o in rev.upgrade if o.seq < op.seq and o.fills(op.table, op.column)]
    sources = {dict(o.same_row).get(column) for o in fills}
    if len(sources) != 1 or None in sources:
        return ""
    source = sources.pop()
    unfilled = next((e for e in ctx.walk.events if e.kind == "set-not-null" and e.rev is rev
                     and e.op.table == op.table and (e.op.column or "").lower() == source
                     and e.detail["needs_fill"] and not e.detail["filled_before"]
                     and e.detail["filled_after"] is None and not e.detail["filled_partly"]
                     and not ctx.doubt(rev, e.op)), None)
    if unfilled is None:
        return ""
    return (f"{op.table}.{op.column} is made NOT NULL, but its only fill (line {fills[0].line}) "
            f"copies {op.table}.{unfilled.op.column} into it, which holds NULLs no revision "
            f"fills (its own NOT NULL, line {unfilled.op.line}, fails on them): those rows "
            "stay NULL here too, and the upgrade fails.")


RULE = Rule(
    id="not-null-without-backfill",
    severity=ERROR,
    summary="a NOT NULL column added to an existing table with no server default, or NOT NULL "
            "set with no backfill before it (earlier revisions count), or a backfill placed "
            "after it",
    rationale="PostgreSQL checks NOT NULL against every existing row. A column added NOT NULL "
              "without a default, or set NOT NULL while rows still hold NULL, makes the upgrade "
              "fail on any database with data, typically prod, after it passed on an empty dev. "
              "When git added the revision that made the table in the same commit, the message says so. "
              "On MySQL and MariaDB (the `sqlalchemy.url` of the chain's alembic.ini or of "
              "env.py says so, or the project depends on a MySQL driver only) the add does "
              "not fail: the existing rows take the type's implicit default ('' or 0), a "
              "warning; a date or time column (strict mode refuses the zero date) or a "
              "unique key on the new column still fails, an error.",
    fix="Three steps: add the column nullable, fill it (`UPDATE ... SET ... WHERE ... IS NULL`, "
        "or `dbkit.online.backfill_in_batches`), then `op.alter_column(..., nullable=False)` "
        "(or `dbkit.online.add_not_null`). Or give the column a `server_default`.",
    example='op.add_column("recruits", sa.Column("cohort", sa.String(100), nullable=False))',
    fixed='op.add_column("recruits", sa.Column("cohort", sa.String(100), nullable=True))\n'
          'op.execute("UPDATE recruits SET cohort = \'c25\' WHERE cohort IS NULL")\n'
          'op.alter_column("recruits", "cohort", nullable=False)',
    check=check,
)
