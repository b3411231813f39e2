"""What drift says, and what to do about it: every message and fix, written apart from the checks.

The checks (``checks.py``, ``gates.py``) decide what differs; this module says
it (what one kind of object says of itself is its ``Kind``'s, in ``compare/``), and
spells out the safe way back, for the environment at hand: on dev the quickest, on
prod one that never loses a value. Every command it prints runs
as printed (Alembic takes ``-x`` only before the subcommand).
"""

from __future__ import annotations

from collections.abc import Sequence

from dbkit import revisions
from dbkit.drift.compare import DATABASE, MODELS, REVISION, Change, Rename, Side, kind_of

KIND_TITLES: dict[Side, str] = {
    DATABASE: "The database was changed by hand (it differs from what its stamped revision makes)",
    MODELS: "The models changed without a migration (they differ from the migration head)",
    REVISION: "The revision stamped in the database",
}
SAMPLE_ROWS_TEXT = "2,000"  # expected.SAMPLE_ROWS, as the messages say it
ALLOW_DRIFT = "allow_drift"  # alembic -x allow_drift=yes upgrade head


def upgrade_anyway(env: str) -> str:
    """The command that upgrades a drifted database deliberately."""
    return revisions.alembic_command(env, f"-x {ALLOW_DRIFT}=yes upgrade head")


# -- one difference: each kind's module (compare/) says what it is and how to undo it --------

def change_label(change: Change | Rename) -> str:
    if isinstance(change, tuple):
        return "column renamed"
    if change.how == "modified":
        return f"{change.what} changed"
    return f"{change.what} {'added' if change.how == 'extra' else 'dropped'}"


def message_for(side: Side, change: Change | Rename, stamped: str | None) -> str:
    at = f"the migrations up to {stamped}" if stamped else "no migration (never stamped)"
    if isinstance(change, tuple):
        gone, new = change
        if side == DATABASE:
            return (f"column {gone.table}.{gone.column} is missing and {new.table}.{new.column} "
                    f"({new.type_sql}) exists instead, which {at} never made: probable hand-made "
                    f"rename of {gone.column} to {new.column}")
        return (f"the models have column {new.table}.{new.column} ({new.type_sql}) where the "
                f"migrations make {gone.column}: probable rename of {gone.column} to {new.column} "
                f"that no migration makes yet")
    return kind_of(change).message(change, side, at, stamped)


def undo_sql(change: Change | Rename) -> tuple[str, bool]:
    """SQL that puts the database back as its revision has it, and whether it destroys data."""
    if isinstance(change, tuple):
        gone, new = change
        return f"ALTER TABLE {new.table} RENAME COLUMN {new.column} TO {gone.column};", False
    return kind_of(change).undo_sql(change)


def database_fix(change: Change | Rename, env: str, matching: str | None) -> str:
    """How to bring a hand-changed database back in line, without losing prod data."""
    if matching:
        return (f"revision {matching} makes exactly this change: record that it is done with "
                f"`{revisions.alembic_command(env, 'stamp ' + matching)}`")
    sql, destroys = undo_sql(change)
    if env == "dev":
        return (f"undo it in psql: `{sql}` (dev data is disposable; or start dev over with "
                f"`python -m dbkit reset dev` and `{revisions.alembic_command(None, 'upgrade head')}`)")
    lost = isinstance(change, Change) and change.how == "missing" and kind_of(change).holds_data
    if lost:
        return (f"put it back in psql: `{sql}`; the values it held are gone from this database: "
                "restore them from a backup (`pg_dump` taken before), never from dev")
    if not destroys and sql:
        return f"undo it in psql, which keeps every row: `{sql}`"
    return ("keep the data: put the change in models.py, write a migration that makes it only "
            "where it is missing (`if_not_exists=True`), run it on dev, then on prod record it "
            f"with `{revisions.alembic_command(env, 'stamp <that revision>')}`, or run it with "
            f"`{upgrade_anyway(env)}`")


def models_require(change: Change | Rename, env: str) -> str:
    """The fix for a hand-made change the models have too: keep it, and give it a migration
    (undoing it would undo what the models require)."""
    stamp = revisions.alembic_command(env, "stamp <that revision>")
    how = (models_fix(change) if isinstance(change, tuple) else
           "`" + revisions.alembic_command(None, 'revision -m "..."') + "`, then write the "
           "change by hand, only where it is missing (`if_not_exists=True`)")
    never = " (never undo it on prod)" if env == "prod" else ""
    return (f"the models have it too, so keep it{never}: no migration makes it yet, so a "
            f"database made by the migrations lacks it: {how}; record it here with `{stamp}` "
            "and run it everywhere else with `alembic upgrade head`")


def models_fix(change: Change | Rename) -> str:
    if isinstance(change, tuple):
        gone, new = change
        return (f"write the migration by hand: `op.alter_column(\"{new.table}\", \"{gone.column}\", "
                f"new_column_name=\"{new.column}\")` (autogenerate would drop {gone.column} and "
                f"add {new.column}, losing every value)")
    if change.how == "missing":
        return ("if the models are right, write the migration that removes it "
                f"(`{revisions.alembic_command('dev', 'revision --autogenerate')}` on a dev "
                "database at head) and keep the data "
                "it holds; otherwise put it back in models.py")
    autogenerate = revisions.alembic_command("dev", 'revision --autogenerate -m "..."')
    return (f"write the migration: `{autogenerate}` on a dev database at head, read it, then "
            f"`{revisions.alembic_command('dev', 'upgrade head')}`")


# -- the revision stamped ----------------------------------------------------------------------

def several_heads(heads: Sequence[str]) -> tuple[str, str]:
    merge = revisions.alembic_command(None, 'merge heads -m "Merge ..."')
    return (f"the migration chain has {len(heads)} heads ({', '.join(heads)}): "
            "two branches each added a migration",
            f"merge them: `{merge}`, then upgrade")


def several_stamped(stamped: Sequence[str], env: str) -> tuple[str, str]:
    return (f"the database is stamped with several revisions: {', '.join(stamped)}",
            f"merge the heads in the chain (`{revisions.alembic_command(None, 'merge heads')}`), "
            f"then `{revisions.alembic_command(env, 'upgrade head')}`")


def unknown_revision(at: str, env: str) -> tuple[str, str]:
    return (f"the database is stamped {at}, a revision the chain in use "
            f"({revisions.chain().name()}) does not have (a teammate's migration, or one you "
            "deleted)",
            f"get the branch that has it (`git pull`, `git log --all -- {revisions.versions_shown()}`)"
            f"; on dev only, `{revisions.alembic_command(env, 'stamp <the last revision you share>')}` "
            "once its schema matches")


def pending(at: str | None, pending_revisions: Sequence[str], env: str) -> tuple[str, str]:
    listing = ", ".join(revisions.describe(r) for r in pending_revisions)
    state = f"is at {at}" if at else "was never migrated"
    count = len(pending_revisions)
    return (f"the database {state}: {count} migration"
            f"{'s are' if count > 1 else ' is'} pending: {listing}",
            f"`{revisions.alembic_command(env, 'upgrade head')}`")


def pending_after_fix(env: str, broken: str | None, database_changed: bool) -> str:
    """The pending migrations' fix when upgrading now would fail: what comes first."""
    first = []
    if database_changed:
        first.append("bring the database back in line (above)")
    if broken:
        first.append(f"fix revision {broken} (below)")
    return (f"first {' and '.join(first)}: `alembic upgrade head` fails until then; "
            f"after that, `{revisions.alembic_command(env, 'upgrade head')}`")


def interrupted(described: str, revision: str, stamped: str | None,
                command: str) -> tuple[str, str]:
    """A migration killed inside a revision (``dbkit.state.progress``)."""
    at = stamped or "no revision"
    return (f"{described}: the database is between {at} and {revision}, as the killed run left "
            "it (not changed by hand)",
            f"finish it: `{command}` (the same command again: each step checks what is already "
            "done, and a backfill only touches the rows still to do; nothing is lost or done "
            "twice)")


# Why a revision fails, by PostgreSQL error code, and the safe way to write it instead.
FAILURE_HINTS = {
    ("42703", "42P01", "42704"): (
        "it expects something the revisions before it never make, so it was probably "
        "autogenerated from a database changed by hand (that database already had it)",
        "make the revision create what it expects before changing it (a new column: "
        "`op.add_column(..., if_not_exists=True)`, fill it, then make it NOT NULL)"),
    ("42701", "42P07", "42710"): (
        "it makes something the revisions before it already make, so it was probably "
        "autogenerated from a database changed by hand",
        "remove that step, or make it conditional (`if_not_exists=True`)"),
    ("23502",): (
        "a NOT NULL column needs a value in every row the table already has",
        "add the column nullable, fill it (a backfill), then make it NOT NULL, as separate steps"),
    ("23505",): (
        "rows the table already has share a value that the new unique constraint forbids",
        "make the values unique first (a backfill), then add the constraint"),
}


def revision_fails(revision: str, reason: str, sqlstate: str | None, env: str, *, applied: bool,
                   tried_rows: bool, path: str) -> tuple[str, str]:
    """A revision that fails in the scratch database: what that means here, and the fix."""
    why, how = next(((w, h) for codes, (w, h) in FAILURE_HINTS.items() if sqlstate in codes),
                    (None, "change it so that it runs on a database made by the revisions "
                           "before it"))
    where = ("on this database (tried in a scratch database with its schema and a copy of up "
             f"to {SAMPLE_ROWS_TEXT} rows of each table)" if tried_rows
             else "on the schema the revisions before it make (rebuilt in a scratch database)")
    message = f"revision {revisions.describe(revision)} fails {where}: {reason}"
    if why:
        message += f"; {why}"
    if applied:
        message += ("; this database is stamped with it, so here it ran on a schema changed by "
                    "hand (or was only stamped)")
        return message, (f"fix {path}: {how}; `{revisions.drift_command(env)}` rebuilds the "
                         "chain to check it. The models could not be compared with the head "
                         "until then")
    upgrade = f"`{revisions.alembic_command(env, 'upgrade head')}`"
    never = "; never change prod by hand to make it pass" if env == "prod" else ""
    return message, (f"`alembic upgrade head` fails the same way: fix {path} first: {how}; "
                     f"check it with `{revisions.drift_command('dev')}` on dev, then {upgrade}{never}")


# -- the gates ---------------------------------------------------------------------------------

def seeding_refused(where: str, messages: Sequence[str], drift: str = "python -m dbkit drift") -> str:
    return (f"the {where} does not match the models: {messages[0]}"
            + (f" (and {len(messages) - 1} more)" if len(messages) > 1 else "")
            + f"; see `{drift}`")


def seeding_refused_hand_made(where: str, messages: Sequence[str], drift: str) -> str:
    return (f"the {where} was changed by hand: {messages[0]}"
            + (f" (and {len(messages) - 1} more)" if len(messages) > 1 else "")
            + f"; `{drift}` says how to get it back in line")


def write_by_hand(command: str) -> str:
    """How to write a revision autogenerate cannot see (the dev it compares with has it)."""
    return (f"write it by hand (`{command}`, then the change in upgrade() and its reverse in "
            "downgrade()), keeping every value it drops (copy them first)")


def seeding_refused_models_ahead(where: str, head: str, differences: Sequence[tuple[str, str]],
                                 stamp: str, upgrade: str) -> str:
    """The database is what its chain makes (nobody changed it by hand): the models moved on
    without a revision, so this database lacks the revision that nobody wrote yet."""
    said, fix = differences[0]
    more = f" (and {len(differences) - 1} more)" if len(differences) > 1 else ""
    return (f"the {where} is exactly what its revisions make (at the head, {head}; nobody "
            f"changed it by hand), but the models are ahead of the migrations: {said}{more}. "
            "This database lacks the revision that makes the change, which nobody wrote yet (a "
            f"dev changed by hand already has it, so autogenerate found nothing there): {fix}; "
            f"on a dev that already has the change, record it with `{stamp}`; here, "
            f"`{upgrade}`, then run this script again")


def upgrade_refused(where: str, env: str, messages: Sequence[str]) -> str:
    lines = "\n".join(f"  - {m}" for m in messages)
    return (f"refusing to upgrade: {where} was changed by hand:\n{lines}"
            f"\nrun `{revisions.drift_command(env)}` for the fixes; to upgrade anyway, "
            f"deliberately: `{upgrade_anyway(env)}`")


def upgrade_warned(where: str, messages: Sequence[str], allowed: bool) -> str:
    lines = "\n".join(f"  - {m}" for m in messages)
    return (f"warning: {where} was changed by hand:\n{lines}"
            + ("" if allowed else "\n(upgrading anyway: this is dev; `python -m dbkit drift` "
               "says how to get back in sync)"))


def could_not_check_before_upgrade(reason: str) -> str:
    return f"warning: could not check for drift before upgrading: {reason}"
