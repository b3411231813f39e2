"""The brief's checks, each read from the facts of one run: pass, fail or unclear, with evidence."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from dbkit.grade import names
from dbkit.grade.collect import Facts, StepSeen
from dbkit.grade.verdicts import FAIL, PASS, UNCLEAR, Check
from dbkit.review.run import FAILED, FAILS_POPULATED, LOSES, NOT_RUN, OK, RESTORES, StepRun
from dbkit.review.run.accounting import DERIVED, LOST, MOVED, SURVIVED

DEFAULT_COMMITS = 5
BECAUSE = "not run, because"  # review --run: the failure is outside the chain
NOT_INSTALLED = "not installed where it ran"


def _name(file: str) -> str:
    return Path(file).name


Checker = Callable[[Facts], Check]


def needs_run(check: str) -> Callable[[Checker], Checker]:
    """The check, or its FAIL "no chain to run" when the chain could not be run."""
    def wrap(function: Checker) -> Checker:
        @functools.wraps(function)
        def checked(facts: Facts) -> Check:
            if facts.run is None:
                return Check(check, FAIL, f"no chain to run: {facts.problem}")
            return function(facts)
        return checked
    return wrap


def _steps(facts: Facts) -> list[StepRun]:
    """The revisions run, in a check that :func:`needs_run` let through."""
    assert facts.run is not None
    return facts.run.steps


class Head(NamedTuple):
    """The recruits table at head, its columns, and how the head was read ("" or a prefix)."""

    recruits: str
    columns: list[str]
    prefix: str


def needs_head(check: str) -> Callable[[Callable[[Facts, Head], Check]], Checker]:
    """As :func:`needs_run`, and a FAIL when no table at head looks like the recruits table;
    else the check is given the :class:`Head`."""
    def wrap(function: Callable[[Facts, Head], Check]) -> Checker:
        @needs_run(check)
        @functools.wraps(function)
        def checked(facts: Facts) -> Check:
            recruits, columns, prefix = _head_columns(facts)
            if recruits is None:
                return _no_recruits(check, facts, prefix)
            return function(facts, Head(recruits, columns, prefix))
        return checked
    return wrap


def stopper(steps: list[StepRun]) -> StepRun | None:
    """The revision the chain stops at: it failed, or it was not run because of something
    outside the chain (a table made by create_all, a module not installed here)."""
    return next((s for s in steps if s.upgrade == FAILED or (
        s.upgrade == NOT_RUN and (s.error or "").startswith(BECAUSE))), None)


def _stops(facts: Facts) -> str:
    """Where the chain stops, for the checks that need the head."""
    assert facts.run is not None
    failed = stopper(facts.run.steps)
    if failed is None:
        return "the chain does not reach head"
    return f"the chain stops at {_name(failed.file)} ({(failed.error or '')[:90]})"


def _ops_in(facts: Facts, file: str, kinds: tuple[str, ...],
            column: Callable[[str], bool] | None = None) -> list[str]:
    """``file:line op table.column`` of the ops of those kinds in one revision file."""
    if facts.static is None:
        return []
    return [f"{f}:{line} {op} {table}.{col}" if col else f"{f}:{line} {op} {table}"
            for f, line, op, table, col in facts.static.ops
            if f == _name(file) and op in kinds and (column is None or (col and column(col)))]


# --- running the chain -------------------------------------------------------------------------

@needs_run("chain-runs-empty")
def chain_runs_empty(facts: Facts) -> Check:
    steps = _steps(facts)
    failed = stopper(steps)
    if failed is not None:
        evidence = [f"{_name(s.file)}: {s.upgrade}" for s in steps]
        if failed.upgrade == NOT_RUN and NOT_INSTALLED in (failed.error or ""):
            return Check("chain-runs-empty", UNCLEAR, f"{_name(failed.file)} {failed.error}",
                         evidence)
        if failed.upgrade == NOT_RUN:  # a table made outside the chain
            return Check("chain-runs-empty", FAIL, f"{_name(failed.file)} cannot run from an empty "
                         f"database: {(failed.error or '').removeprefix(BECAUSE).strip()}", evidence)
        return Check("chain-runs-empty", FAIL,
                     f"{_name(failed.file)} fails on an empty database: {failed.error}", evidence)
    return Check("chain-runs-empty", PASS,
                 f"all {len(steps)} revisions apply from an empty database",
                 [f"{_name(s.file)}: applied" for s in steps])


@needs_run("chain-runs-populated")
def chain_runs_populated(facts: Facts) -> Check:
    steps = _steps(facts)
    populated = [s for s in steps if s.upgrade == FAILS_POPULATED]
    failed = stopper(steps)
    evidence = [f"{_name(s.file)}: {s.upgrade}" + (f" with {sum(s.rows_before.values())} rows"
                                                    if s.upgrade == OK else "")
                + (f": {s.error}" if s.error and s.upgrade != NOT_RUN else "") for s in steps]
    if populated:
        first = populated[0]
        for step in populated:
            evidence += _ops_in(facts, step.file, ("add_column", "alter_column", "set_not_null",
                                                   "create_unique_constraint", "create_index",
                                                   "create_primary_key", "create_foreign_key"))
        return Check("chain-runs-populated", FAIL,
                     f"{_name(first.file)} fails with rows in the tables and passes on empty "
                     f"ones: {first.error}"
                     + (f" (and {len(populated) - 1} more)" if len(populated) > 1 else ""),
                     evidence)
    if failed is not None:
        if failed.upgrade == NOT_RUN and NOT_INSTALLED in (failed.error or ""):
            return Check("chain-runs-populated", UNCLEAR, f"{_name(failed.file)} {failed.error}",
                         evidence)
        if failed.upgrade == NOT_RUN:  # a table made outside the chain
            return Check("chain-runs-populated", FAIL, f"{_name(failed.file)} cannot run, with rows "
                         f"or without: {(failed.error or '').removeprefix(BECAUSE).strip()}",
                         evidence)
        return Check("chain-runs-populated", FAIL,
                     f"{_name(failed.file)} fails, with rows or without: {failed.error}", evidence)
    return Check("chain-runs-populated", PASS,
                 f"all {len(steps)} revisions apply with rows in every table", evidence)


@needs_run("downgrades-work")
def downgrades_work(facts: Facts) -> Check:
    steps = _steps(facts)
    broken = [s for s in steps if s.downgrade == FAILED]
    evidence = [f"{_name(s.file)}: downgrade {s.downgrade}"
                + (f": {s.downgrade_error}" if s.downgrade_error else "") for s in reversed(steps)
                if s.downgrade != NOT_RUN or s.downgrade_error]
    if broken:
        s = broken[0]
        evidence += [f"{f}:{line} drop_constraint(None, ...): no name to drop"
                     for f, line in (facts.static.unnamed_drops if facts.static else [])
                     if f == _name(s.file)]
        return Check("downgrades-work", FAIL, f"the downgrade of {_name(s.file)} fails: "
                     f"{s.downgrade_error}", evidence)
    ran = [s for s in steps if s.downgrade in (RESTORES, LOSES)]
    if len(ran) < len(steps):
        unnamed = facts.static.unnamed_drops if facts.static else []
        if unnamed:
            file, line = unnamed[0]
            return Check("downgrades-work", FAIL, f"read from the revision files ({_stops(facts)}):"
                         f" the downgrade of {file} cannot run: drop_constraint(None, ...) at "
                         f"{file}:{line} has no name to drop", evidence)
        return Check("downgrades-work", UNCLEAR,
                     f"only {len(ran)} of {len(steps)} downgrades could be run: {_stops(facts)}",
                     evidence)
    losing = [s for s in ran if s.downgrade == LOSES]
    notes = [f"{_name(s.file)}: its downgrade runs but does not give back "
             + ", ".join(f"{v.table}.{v.column}" for v in s.not_given_back) for s in losing]
    return Check("downgrades-work", PASS, f"all {len(steps)} downgrades run, from head to base",
                 evidence, notes)


# --- the head schema ---------------------------------------------------------------------------

def _head_columns(facts: Facts) -> tuple[str | None, list[str], str]:
    """The recruits table at head, its columns, and how the head was read ("" or a prefix)."""
    if facts.reached_head:
        assert facts.schema is not None
        if facts.recruits is None:
            return None, [], ""
        return facts.recruits, list(facts.schema[facts.recruits].columns), ""
    static = facts.static
    if static is None:
        return None, [], "read from the files: "
    tables = {t: list(cols) for t, cols in static.tables.items()}
    recruits = names.recruits_table(tables)
    prefix = f"read from the revision files ({_stops(facts)}): "
    return recruits, tables.get(recruits, []) if recruits else [], prefix


def _no_recruits(check: str, facts: Facts, prefix: str) -> Check:
    tables = sorted(facts.schema or (facts.static.tables if facts.static else {}))
    return Check(check, FAIL, prefix + "no table at head looks like the recruits table "
                 f"(tables: {', '.join(tables) or 'none'})")


@needs_head("email-required-unique")
def email_required_unique(facts: Facts, head: Head) -> Check:
    recruits, columns, prefix = head
    column = names.email_column(columns)
    if column is None:
        return Check("email-required-unique", FAIL,
                     f"{prefix}no e-mail column in {recruits} (columns: {', '.join(columns)})")
    where = _added_at(facts, recruits, column)
    evidence = [f"matched {recruits}.{column}" + (f", added at {where}" if where else "")]
    unique: bool | None
    if facts.reached_head:
        assert facts.schema is not None
        table = facts.schema[recruits]
        required = not table.columns[column].nullable
        unique = table.is_unique(column)
    else:
        assert facts.static is not None  # a recruits table was found in it
        required = not facts.static.tables[recruits][column]
        unique = (recruits, column) in facts.static.unique or None
    said = {(True, True): "NOT NULL and UNIQUE", (True, False): "NOT NULL but not UNIQUE",
            (False, True): "UNIQUE but nullable", (False, False): "nullable and not UNIQUE",
            (True, None): "NOT NULL; no unique constraint read", (False, None): "nullable"}
    verdict = PASS if required and unique else FAIL if not required or unique is False else UNCLEAR
    return Check("email-required-unique", verdict,
                 f"{prefix}{recruits}.{column} is {said[(required, unique)]} at head", evidence)


def _added_at(facts: Facts, table: str, column: str) -> str | None:
    if facts.static is None:
        return None
    return facts.static.line_of("add_column", table, column) or \
        facts.static.line_of("create_table", table, None)


@needs_head("id-number-removed")
def id_number_removed(facts: Facts, head: Head) -> Check:
    recruits, columns, prefix = head
    column = names.first(columns, names.is_id_number)
    if column is not None:
        where = facts.static.line_of("add_column", recruits, column) if facts.static else None
        return Check("id-number-removed", FAIL, f"{prefix}{recruits}.{column} is still there at head"
                     + (f" (added at {where})" if where else ""))
    trail = _follow(facts, names.is_id_number)
    notes = [trail.note()] if trail else []
    static_ever = facts.static is not None and any(
        names.is_id_number(c or "") for _f, _l, _o, _t, c in facts.static.ops)
    if trail is None and not _ever(facts, names.is_id_number) and not static_ever:
        return Check("id-number-removed", UNCLEAR, f"{prefix}the chain never has an ID-number "
                     f"column in {recruits}: nothing was removed")
    return Check("id-number-removed", PASS, f"{prefix}no ID-number column in {recruits} at head",
                 trail.evidence if trail else [], notes)


@needs_head("cohorts-table")
def cohorts_table(facts: Facts, head: Head) -> Check:
    recruits, columns, prefix = head
    if facts.reached_head:
        assert facts.schema is not None
        source = facts.cohort
        if source is not None and source.table is not None:
            return Check("cohorts-table", PASS,
                         f"{recruits}.{source.column} references {source.table}.{source.referred} "
                         f"(foreign key); the cohort is named by {source.table}.{source.label}")
        others = [t for t in facts.schema if t != recruits and names.is_cohort(t)]
    else:
        assert facts.static is not None  # a recruits table was found in it
        others = [t for t in facts.static.tables if t != recruits and names.is_cohort(t)]
        if others:
            return Check("cohorts-table", UNCLEAR, f"{prefix}table {others[0]} is created; "
                         "whether recruits reference it is not read from the files")
    if others:
        return Check("cohorts-table", FAIL,
                     f"{prefix}table {others[0]} exists but {recruits} has no foreign key to it")
    column = names.cohort_label_column(columns)
    return Check("cohorts-table", FAIL, f"{prefix}no cohort table at head" + (
        f": the cohort is the column {recruits}.{column}" if column else ""))


# --- values followed ---------------------------------------------------------------------------

class Trail:
    """One column's values followed revision by revision (renamed, copied, moved or lost)."""

    def __init__(self, table: str, column: str, start: str) -> None:
        self.table, self.column, self.start = table, column, start
        self.origin = f"{table}.{column}"
        self.evidence: list[str] = []
        self.lost_at: str | None = None
        self.lost: tuple[int, int] | None = None
        self.unknown_at: str | None = None

    @property
    def at(self) -> str:
        return f"{self.table}.{self.column}"

    def note(self) -> str:
        if self.lost_at:
            return f"{self.origin}: its values were not kept ({self.lost_at} loses them)"
        return f"{self.origin}: its values are in {self.at}"


def _ever(facts: Facts, test: Callable[[str], bool]) -> bool:
    return any(test(c) for s in facts.steps for cols in (s.tables_before, s.tables_after or {})
               for t, cs in cols.items() for c in cs)


def _follow(facts: Facts, test: Callable[[str], bool]) -> Trail | None:
    """Follow the values of the first recruits column passing ``test`` that held values."""
    trail: Trail | None = None
    for step in facts.steps:
        name = _name(step.run.file)
        if trail is None:
            if step.before is None or step.recruits_before is None:
                continue
            held = step.before
            column = next((c for c in held.columns if test(c) and held.values(c)), None)
            if column is None:
                continue
            trail = Trail(step.recruits_before, column, name)
        verdict = next((v for v in step.run.values if (v.table, v.column) == (trail.table,
                                                                              trail.column)), None)
        if verdict is None:
            after = (step.tables_after or {}).get(trail.table, [])
            if step.run.upgrade == OK and trail.column not in after:
                trail.unknown_at = name
                trail.evidence.append(f"{name}: {trail.at} gone, its values not followed")
                return trail
            if step.run.upgrade != OK and trail.column not in after:
                renamed = _renamed_in_file(facts, name, trail)
                if renamed:
                    trail.evidence.append(f"{name}: {trail.at} renamed to {renamed} "
                                          "(read from the file: the tables were emptied here)")
                    trail.column = renamed
                    continue
                trail.unknown_at = name
                trail.evidence.append(f"{name}: {trail.at} gone while the tables were empty "
                                      f"({step.run.upgrade}): its values not followed")
                return trail
            continue
        if verdict.kind == SURVIVED:
            continue
        if verdict.kind in (MOVED, DERIVED):
            trail.evidence.append(f"{name}: {trail.at} {verdict.kind} to {verdict.where} "
                                  f"({verdict.kept} of {verdict.values} values)")
            trail.table, trail.column = (verdict.where or ".").rsplit(".", 1)
            continue
        assert verdict.kind == LOST
        trail.lost_at, trail.lost = name, (verdict.values - verdict.kept, verdict.values)
        trail.evidence.append(f"{name}: {trail.at} lost ({verdict.values - verdict.kept} of "
                              f"{verdict.values} values in no column or table after it)")
        return trail
    return trail


def _renamed_in_file(facts: Facts, file: str, trail: Trail) -> str | None:
    if facts.static is None:
        return None
    for table, old, new, where, _line in facts.static.renames:
        if where == file and old == trail.column and table == trail.table:
            return new
    return None


@needs_head("rocketchat-renamed")
def rocketchat_renamed(facts: Facts, head: Head) -> Check:
    recruits, columns, prefix = head
    target = names.first(columns, names.is_rocketchat)
    trail = _follow(facts, names.is_chat)
    if trail is not None and trail.lost_at:
        trail.evidence += _ops_in(facts, trail.lost_at, ("drop_column", "add_column"),
                                  lambda c: names.is_chat(c) or names.is_rocketchat(c))
        return Check("rocketchat-renamed", FAIL,
                     f"{trail.origin}'s values are lost at {trail.lost_at}"
                     + (f"; {recruits}.{target} at head does not hold them" if target else
                        "; no rocketchat column at head"), trail.evidence)
    if target is None:
        chat = names.first(columns, names.is_chat)
        return Check("rocketchat-renamed", FAIL, f"{prefix}no rocketchat_user column in {recruits} "
                     "at head" + (f" ({recruits}.{chat} is still there)" if chat else ""),
                     trail.evidence if trail else [])
    if not facts.reached_head:
        assert facts.static is not None  # a recruits table was found in it
        renames = [r for r in facts.static.renames if names.is_chat(r[1]) and names.is_rocketchat(r[2])]
        if renames:
            t, old, new, file, line = renames[0]
            return Check("rocketchat-renamed", PASS, f"{prefix}{t}.{old} renamed to {new} at "
                         f"{file}:{line}", trail.evidence if trail else [])
        return Check("rocketchat-renamed", FAIL, f"{prefix}{recruits}.{target} is added, never "
                     "renamed from the chat-name column (drop + add)", trail.evidence if trail else [])
    if trail is None:
        return Check("rocketchat-renamed", UNCLEAR, f"no chat-name column held values before "
                     f"{recruits}.{target}: nothing to follow")
    if trail.unknown_at:
        return Check("rocketchat-renamed", UNCLEAR, f"{trail.origin}'s values could not be "
                     f"followed past {trail.unknown_at}", trail.evidence)
    if (trail.table, trail.column) == (recruits, target):
        how = trail.evidence[0].split(": ", 1)[0] if trail.evidence else trail.start
        return Check("rocketchat-renamed", PASS, f"{recruits}.{target} at head holds the values "
                     f"{trail.origin} held (moved at {how})", trail.evidence)
    return Check("rocketchat-renamed", FAIL, f"{trail.origin}'s values are in {trail.at} at head, "
                 f"not in {recruits}.{target}", trail.evidence)


@needs_run("cohort-values-kept")
def cohort_values_kept(facts: Facts) -> Check:
    lost = [(s, v) for s in facts.steps for v in s.run.values
            if v.kind == LOST and v.table == s.recruits_before and names.is_cohort(v.column)]
    if lost:
        s, v = lost[0]
        where = _ops_in(facts, s.run.file, ("drop_column", "drop_table", "alter_column"),
                        names.is_cohort)
        return Check("cohort-values-kept", FAIL,
                     f"{_name(s.run.file)} loses {v.table}.{v.column}: {v.values - v.kept} of "
                     f"{v.values} recruits' cohorts in no column or table after it",
                     [f"{_name(x.run.file)}: {y.table}.{y.column} lost" for x, y in lost] + where)
    notes = _newcomers(facts)
    if not facts.reached_head:
        dropped = [d for d in (facts.static.dropped if facts.static else [])
                   if names.is_cohort(d[1]) and not names.is_key_like(d[1])]
        if dropped:
            table, column, file, line, message = dropped[0]
            return Check("cohort-values-kept", FAIL, f"read from the revision files "
                         f"({_stops(facts)}): {file}:{line} drops {table}.{column} with no copy",
                         [f"{d[2]}:{d[3]}: {d[4]}" for d in dropped], notes)
        return Check("cohort-values-kept", UNCLEAR, f"no cohort lost in the revisions that ran, "
                     f"but {_stops(facts)}", [], notes)
    if facts.cohort is None or facts.labels is None:
        return Check("cohort-values-kept", FAIL, "the recruits have no cohort at head", [], notes)
    reference = _reference(facts)
    if reference is None:
        return Check("cohort-values-kept", UNCLEAR if _ever(facts, names.is_cohort) else FAIL,
                     "no recruit held a cohort before head: nothing to follow", [], notes)
    step, column, values = reference
    said = facts.cohort.said(facts.recruits or "")
    differ = [(k, v, facts.labels.get(k)) for k, v in values.items() if facts.labels.get(k) != v]
    evidence = [f"{len(values)} recruits' cohorts read in {step.recruits_before}.{column} before "
                f"{_name(step.run.file)}, compared with {said} at head"]
    if differ:
        key, before, after = differ[0]
        return Check("cohort-values-kept", FAIL,
                     f"{len(differ)} of {len(values)} recruits have another cohort at head: "
                     f"recruit {'/'.join(key)} was {before!r} before {_name(step.run.file)}, "
                     f"{after!r} at head ({said})", evidence, notes)
    return Check("cohort-values-kept", PASS, f"all {len(values)} recruits keep their cohort to "
                 f"head ({step.recruits_before}.{column} -> {said})", evidence, notes)


def _reference(facts: Facts) -> tuple[StepSeen, str, dict[tuple, str]] | None:
    """The last moment the recruits' cohorts were words in their own column, with no emptied
    tables after it: each recruit's cohort then, under its key."""
    emptied_after = False
    for step in reversed(facts.steps):
        if step.run.upgrade == FAILS_POPULATED:
            emptied_after = True
            continue
        table = step.before
        if table is None or not table.key:
            continue
        column = names.cohort_label_column(table.columns)
        if column and table.values(column):
            if emptied_after:
                return None
            return step, column, {k: str(r[column]) for k, r in table.rows.items()
                                  if r.get(column) is not None}
    head = facts.head_rows
    if head is not None and head.key and facts.cohort is not None and facts.cohort.table is None:
        last = facts.steps[-1] if facts.steps else None
        column = facts.cohort.column
        if last is not None and head.values(column):
            return last, column, {k: str(r[column]) for k, r in head.rows.items()
                                  if r.get(column)}
    return None


def _newcomers(facts: Facts) -> list[str]:
    """Did the recruits that existed when the cohort came in get one? (a note, not a verdict)"""
    for step in facts.steps:
        before, after = step.before, step.after
        if before is None or after is None or not before.rows:
            continue
        if names.cohort_label_column(before.columns) or any(names.is_cohort(c) for c in before.columns):
            return []
        column = names.first(after.columns, names.is_cohort)
        if column is None:
            continue
        existing = [after.rows[k].get(column) for k in before.rows if k in after.rows]
        empty = sum(1 for v in existing if v is None)
        filled = sorted({v for v in existing if v is not None})
        name = _name(step.run.file)
        if empty:
            return [f"{name} gives {empty} of {len(existing)} existing recruits no cohort (NULL)"]
        return [f"{name} gives the {len(existing)} existing recruits the cohort "
                + ", ".join(repr(v) for v in filled[:3])]
    return []


# --- the rest ----------------------------------------------------------------------------------

def seeding_scripts(facts: Facts) -> Check:
    verdicts = [s.verdict() for s in facts.scripts]
    evidence = [f"{v}: {why}" for v, why in verdicts]
    for wanted in (FAIL, UNCLEAR):
        hits = [why for v, why in verdicts if v == wanted]
        if hits:
            return Check("seeding-scripts", wanted, hits[0] + (
                f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""), evidence)
    return Check("seeding-scripts", PASS, "the four scripts each add recruits with the right "
                 "cohort to the head database", evidence)


def commits_often(facts: Facts, threshold: int = DEFAULT_COMMITS) -> Check:
    history = facts.history
    if history is None or history.commits is None:
        return Check("commits-often", UNCLEAR,
                     f"commits not counted: {history.problem if history else 'no history'}")
    evidence = [f"paths counted: {', '.join(history.paths)} (all {history.branches} branches, "
                "merges left out)"]
    if history.first:
        evidence.append(f"first: {history.first}")
    if history.last and history.last != history.first:
        evidence.append(f"last: {history.last}")
    verdict = PASS if history.commits >= threshold else FAIL
    touch = "commit touches" if history.commits == 1 else "commits touch"
    return Check("commits-often", verdict, f"{history.commits} {touch} the chain or the models "
                 f"({'at least' if verdict == PASS else 'fewer than'} {threshold})", evidence)


def grade_checks(facts: Facts, commits_threshold: int = DEFAULT_COMMITS) -> list[Check]:
    return [chain_runs_empty(facts), chain_runs_populated(facts), email_required_unique(facts),
            rocketchat_renamed(facts), id_number_removed(facts), cohorts_table(facts),
            cohort_values_kept(facts), seeding_scripts(facts), downgrades_work(facts),
            commits_often(facts, commits_threshold)]
