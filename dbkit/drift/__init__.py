"""``python -m dbkit drift``: which side moved (database, models, revision) and how to get back in sync.

Alembic cannot tell that a database was changed by hand: ``alembic check``
compares the models with a database that must already be at head, and
``alembic current`` only reads the version row. This module compares three things:

1. **database**: the live database against the schema its stamped revision
   should have. That schema is built by running the migrations up to the
   stamped revision in a scratch database on the same server (dropped
   afterwards), and compared with Alembic's own autogenerate comparison. A
   difference here was made by hand.
2. **models**: ``models.py`` against the schema at the migration head: a model
   change that no migration captures yet.
3. **revision**: the stamped revision against the head: pending migrations, a
   revision this repository does not know, several heads, never stamped.

The checked database is only ever read: its connection runs with
``default_transaction_read_only``. Alembic's ``alembic_version`` table is never
compared. The ``archive`` schema (data kept by migration 0007) is outside the
models by design: it is compared in 1 (migrations make it, so a hand-made change
there is drift too) but not in 2.

Exit codes: 0 in sync, 1 drift, 2 could not check.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import secrets
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from dbkit import alembic_compat, database, errors, revisions
from dbkit.database import Target
from dbkit.errors import DbkitError

if TYPE_CHECKING:
    from sqlalchemy import MetaData
    from sqlalchemy.engine import URL, Connection, Engine

log = logging.getLogger(__name__)

DATABASE, MODELS, REVISION = "database", "models", "revision"
KIND_TITLES = {
    DATABASE: "The database was changed by hand (it differs from what its stamped revision makes)",
    MODELS: "The models changed without a migration (they differ from the migration head)",
    REVISION: "The revision stamped in the database",
}
SCRATCH_PREFIX = "dbkit_drift_"
ALLOW_DRIFT = "allow_drift"  # alembic -x allow_drift=yes


@dataclass(frozen=True)
class Finding:
    """One difference: which side moved (``kind``), what changed, and the fix for this environment."""

    kind: str  # database | models | revision
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

    @property
    def in_sync(self) -> bool:
        return not self.findings

    def of_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]


# -- turning Alembic's autogenerate diffs into findings ----------------------------------------

@dataclass(frozen=True)
class Change:
    """One autogenerate diff, seen from the side that moved.

    ``extra``: the moved side has it and the reference does not; ``missing``: the
    reverse; ``modified``: both have it, with ``moved`` and ``reference`` values.
    """

    how: str  # extra | missing | modified
    what: str  # column | table | index | unique constraint | foreign key | type | nullability | default
    table: str
    column: str | None
    obj: Any = None
    moved: Any = None
    reference: Any = None
    type_sql: str | None = None
    existing: dict = field(default_factory=dict)


def type_sql(type_) -> str:
    from sqlalchemy.dialects import postgresql

    try:
        return type_.compile(dialect=postgresql.dialect())
    except Exception:  # a type PostgreSQL cannot render: say what it is
        return repr(type_)


def changes_from(diffs: list, moved_side_is_database: bool) -> list[Change]:
    """Alembic's diffs (``add_*``: in the metadata only; ``remove_*``: in the database only)."""
    result: list[Change] = []
    for diff in diffs:
        if isinstance(diff, list):  # modify_* diffs come grouped per column
            result += [modified_change(d, moved_side_is_database) for d in diff]
            continue
        op, obj = diff[0], diff[-1]
        in_database = op.startswith("remove_")
        how = "extra" if in_database == moved_side_is_database else "missing"
        if op.endswith("_column"):
            result.append(Change(how, "column", qualified(diff[1], diff[2]), obj.name, obj,
                                 type_sql=type_sql(obj.type)))
        elif op.endswith("_table"):
            result.append(Change(how, "table", qualified(obj.schema, obj.name), None, obj))
        elif op.endswith("_index"):
            what = "unique index" if obj.unique else "index"
            result.append(Change(how, what, table_name(obj.table), None, obj))
        elif op.endswith("_fk"):
            result.append(Change(how, "foreign key", table_name(obj.parent), None, obj))
        elif op.endswith("_constraint"):
            result.append(Change(how, "unique constraint", table_name(obj.table), None, obj))
        else:
            log.debug("diff not described: %r", diff)
    return result


def qualified(schema: str | None, name: str) -> str:
    return f"{schema}.{name}" if schema and schema != "public" else name


def table_name(table) -> str:
    return qualified(table.schema, table.name)


def modified_change(diff: tuple, moved_side_is_database: bool) -> Change:
    op, schema, table, column, existing, in_database, in_metadata = diff
    table = qualified(schema, table)
    what = {"modify_type": "type", "modify_nullable": "nullability",
            "modify_default": "default", "modify_comment": "comment"}.get(op, op)
    moved, reference = (in_database, in_metadata) if moved_side_is_database \
        else (in_metadata, in_database)
    return Change("modified", what, table, column, moved=moved, reference=reference,
                  existing=existing)


def columns_of(obj) -> set[str]:
    try:
        return {c.name for c in obj.columns}
    except Exception:
        return set()


def referred_table(change: Change) -> str | None:
    if change.what != "foreign key":
        return None
    try:
        return table_name(change.obj.referred_table)
    except Exception:  # the referred table is not in this MetaData
        return None


def fold(changes: list[Change]) -> list[Change | tuple[Change, Change]]:
    """Pair a missing and an extra column of one type on one table into a probable rename,
    and drop index and constraint changes that only follow from a column added or dropped."""
    columns = [c for c in changes if c.what == "column"]
    renames: list[tuple[Change, Change]] = []
    used: set[int] = set()
    for gone in (c for c in columns if c.how == "missing"):
        for new in (c for c in columns if c.how == "extra"):
            if id(new) not in used and new.table == gone.table and new.type_sql == gone.type_sql:
                renames.append((gone, new))
                used |= {id(gone), id(new)}
                break
    moved_columns = {(c.table, c.column) for c in columns}
    tables = {c.table for c in changes if c.what == "table"}
    folded: list[Change | tuple[Change, Change]] = list(renames)
    for change in changes:
        if id(change) in used:
            continue
        if change.what not in ("column", "table") and (
                change.table in tables or referred_table(change) in tables
                or any((change.table, name) in moved_columns for name in columns_of(change.obj))):
            continue
        folded.append(change)
    return folded


# -- what to say, and what to do about it ------------------------------------------------------

def describe_object(change: Change) -> str:
    if change.what == "column":
        return f"column {change.table}.{change.column} ({change.type_sql})"
    if change.what == "table":
        return f"table {change.table}"
    name = getattr(change.obj, "name", None) or "(unnamed)"
    cols = ", ".join(sorted(columns_of(change.obj)))
    if change.what == "foreign key":
        target = ", ".join(e.target_fullname for e in change.obj.elements)
        return f"foreign key {name} on {change.table}({cols}) -> {target}"
    return f"{change.what} {name} on {change.table}({cols})"


def describe_value(what: str, value: Any) -> str:
    if what == "nullability":
        return "nullable" if value else "NOT NULL"
    if what == "type":
        return type_sql(value)
    if what == "default":
        if value is None:
            return "without a default"
        text = getattr(getattr(value, "arg", None), "text", None) or getattr(value, "arg", value)
        return f"with default {text}"
    return repr(value)


def message_for(kind: str, change: Change | tuple[Change, Change], stamped: str | None) -> str:
    at = f"the migrations up to {stamped}" if stamped else "no migration (never stamped)"
    if isinstance(change, tuple):
        gone, new = change
        if kind == DATABASE:
            return (f"column {gone.table}.{gone.column} is missing and {new.table}.{new.column} "
                    f"({new.type_sql}) exists instead, which {at} never made: probable hand-made "
                    f"rename of {gone.column} to {new.column}")
        return (f"the models have column {new.table}.{new.column} ({new.type_sql}) where the "
                f"migrations make {gone.column}: probable rename of {gone.column} to {new.column} "
                f"that no migration makes yet")
    thing = describe_object(change)
    if change.what in ("type", "nullability", "default", "comment"):
        col = f"column {change.table}.{change.column}"
        moved, reference = (describe_value(change.what, change.moved),
                            describe_value(change.what, change.reference))
        if kind == DATABASE:
            return f"{col} is {moved} in the database, but {at} make it {reference}"
        return f"{col} is {moved} in the models, but the migrations make it {reference}"
    if kind == DATABASE:
        if change.how == "extra":
            since = f" up to {stamped}" if stamped else ""
            return f"{thing} exists in the database, but no migration{since} created it"
        return f"{thing} is missing from the database, but {at} create it"
    if change.how == "extra":
        return f"the models have {thing}, but no migration creates it"
    return f"the migrations create {thing}, but the models do not have it"


def undo_sql(change: Change | tuple[Change, Change]) -> tuple[str, bool]:
    """SQL that puts the database back as its revision has it, and whether it destroys data."""
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import AddConstraint, CreateIndex, CreateTable, DropConstraint

    dialect = postgresql.dialect()
    ddl = lambda element: str(element.compile(dialect=dialect)).strip()  # noqa: E731
    if isinstance(change, tuple):
        gone, new = change
        return f"ALTER TABLE {new.table} RENAME COLUMN {new.column} TO {gone.column};", False
    t, c = change.table, change.column
    if change.what == "column":
        if change.how == "extra":
            return f"ALTER TABLE {t} DROP COLUMN {c};", True
        return f"ALTER TABLE {t} ADD COLUMN {c} {change.type_sql};", False
    if change.what == "table":
        if change.how == "extra":
            return f"DROP TABLE {t};", True
        return ddl(CreateTable(change.obj)) + ";", False
    if change.what in ("index", "unique index"):
        if change.how == "extra":
            return f"DROP INDEX {change.obj.name};", False
        return ddl(CreateIndex(change.obj)) + ";", False
    if change.what in ("unique constraint", "foreign key"):
        if change.how == "extra":
            return ddl(DropConstraint(change.obj)) + ";", False
        return ddl(AddConstraint(change.obj)) + ";", False
    if change.what == "nullability":
        verb = "DROP NOT NULL" if change.reference else "SET NOT NULL"
        return f"ALTER TABLE {t} ALTER COLUMN {c} {verb};", False
    if change.what == "type":
        return f"ALTER TABLE {t} ALTER COLUMN {c} TYPE {type_sql(change.reference)};", True
    if change.what == "default":
        if change.reference is None:
            return f"ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT;", False
        return (f"ALTER TABLE {t} ALTER COLUMN {c} SET "
                f"{describe_value('default', change.reference).removeprefix('with ')};", False)
    return "", False


def database_fix(change: Change | tuple[Change, Change], env: str,
                 matching: str | None) -> str:
    """How to bring a hand-changed database back in line, without losing prod data."""
    if matching:
        return (f"revision {matching} makes exactly this change: record that it is done with "
                f"`ENV={env} alembic stamp {matching}`")
    sql, destroys = undo_sql(change)
    if env == "dev":
        return (f"undo it in psql: `{sql}` (dev data is disposable; or start dev over with "
                f"`python -m dbkit reset dev` and `alembic upgrade head`)")
    lost = isinstance(change, Change) and change.how == "missing" \
        and change.what in ("column", "table")
    if lost:
        return (f"put it back in psql: `{sql}`; the values it held are gone from this database: "
                "restore them from a backup (`pg_dump` taken before), never from dev")
    if not destroys and sql:
        return f"undo it in psql, which keeps every row: `{sql}`"
    return ("keep the data: put the change in models.py, write a migration that makes it only "
            "where it is missing (`if_not_exists=True`), run it on dev, then on prod record it "
            f"with `ENV={env} alembic stamp <that revision>`, or run it with "
            f"`ENV={env} alembic upgrade head -x {ALLOW_DRIFT}=yes`")


def models_fix(change: Change | tuple[Change, Change]) -> str:
    if isinstance(change, tuple):
        gone, new = change
        return (f"write the migration by hand: `op.alter_column(\"{new.table}\", \"{gone.column}\", "
                f"new_column_name=\"{new.column}\")` (autogenerate would drop {gone.column} and "
                f"add {new.column}, losing every value)")
    if isinstance(change, Change) and change.how == "missing":
        return ("if the models are right, write the migration that removes it "
                "(`alembic revision --autogenerate` on a dev database at head) and keep the data "
                "it holds; otherwise put it back in models.py")
    return ("write the migration: `alembic revision --autogenerate -m \"...\"` on a dev database at "
            "head, read it, then `alembic upgrade head`")


def change_label(change: Change | tuple[Change, Change]) -> str:
    if isinstance(change, tuple):
        return "column renamed"
    if change.how == "modified":
        return f"{change.what} changed"
    return f"{change.what} {'added' if change.how == 'extra' else 'dropped'}"


def findings_for(kind: str, diffs: list, env: str, stamped: str | None,
                 matching: str | None = None) -> list[Finding]:
    found = []
    for change in fold(changes_from(diffs, moved_side_is_database=kind == DATABASE)):
        first = change[1] if isinstance(change, tuple) else change
        fix = database_fix(change, env, matching) if kind == DATABASE else models_fix(change)
        found.append(Finding(kind, change_label(change), first.table,
                             first.column if first.what not in ("table",) else None,
                             message_for(kind, change, stamped), fix))
    return found


# -- reading schemas ---------------------------------------------------------------------------

def include_name(every_schema: bool):
    """Alembic's filter: what env.py leaves out of autogenerate (marker.include_name), never
    Alembic's version table; other schemas than public on request."""
    from dbkit.migrate import marker

    def include(name, type_, parent_names) -> bool:
        if type_ == "schema":
            return every_schema or name in (None, "public")
        if type_ == "table" and name == "alembic_version":
            return False
        return marker.include_name(name, type_, parent_names)
    return include


def compare(connection: Connection, metadata: MetaData, every_schema: bool = False) -> list:
    """Alembic's autogenerate comparison of ``connection`` (the database side) with ``metadata``."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with quiet():
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "compare_server_default": True,
            "include_schemas": every_schema, "include_name": include_name(every_schema)})
        return compare_metadata(context, metadata)


def schemas(connection: Connection) -> list[str | None]:
    """The schemas of a database that hold our tables: public (as None) and any made by hand
    or by migrations (archive), not PostgreSQL's own."""
    import sqlalchemy as sa

    names = sa.inspect(connection).get_schema_names()
    return [None] + sorted(n for n in names if n not in ("public", "information_schema")
                           and not n.startswith("pg_"))


def reflect(connection: Connection) -> MetaData:
    """Every table of every schema of ``connection`` (the scratch database), as MetaData."""
    import sqlalchemy as sa

    metadata = sa.MetaData()
    for schema in schemas(connection):
        metadata.reflect(connection, schema=schema)
    version = metadata.tables.get("alembic_version")
    if version is not None:
        metadata.remove(version)
    return metadata


def compare_with_revision(live: Connection, scratch: Connection) -> list:
    """The live database against the scratch one, in every schema either of them has."""
    return compare(live, reflect(scratch), every_schema=True)


def read_only_engine(target: Target) -> Engine:
    """An engine whose every transaction is read-only: the checked database is never written."""
    return database.create_engine(
        target, connect_args={"options": "-c default_transaction_read_only=on"})


def alembic_config_for(connection: Connection):
    from alembic.config import Config

    config = Config()  # no ini file: no logging setup, no "Running upgrade" lines
    config.set_main_option("script_location", str(database.PROJECT_ROOT / "migrations"))
    config.attributes["connection"] = connection
    config.attributes["dbkit_skip_drift_guard"] = True
    return config


@contextlib.contextmanager
def quiet(logger_name: str = "alembic") -> Iterator[None]:
    """Silence Alembic's INFO lines about the scratch database: they are not about yours."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def migrate(connection: Connection, revision: str) -> None:
    """Run the repository's migrations up to ``revision`` in the (scratch) database.

    Also works from inside a running ``alembic upgrade`` (the guard): Alembic keeps
    its current environment in the module-level ``alembic.context`` proxy, which
    a nested command replaces and removes, so the outer one is put back afterwards.
    """
    from alembic import command

    if str(database.PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(database.PROJECT_ROOT))
    if connection.in_transaction():  # left open by reflection: the online helpers need none
        connection.rollback()
    with alembic_compat.keep_outer_environment(), quiet():
        command.upgrade(alembic_config_for(connection), revision)
    if connection.in_transaction():
        connection.commit()


@contextlib.contextmanager
def scratch_database(url: URL) -> Iterator[Engine]:
    """A new, empty database on the server of ``url``, dropped afterwards whatever happens."""
    import sqlalchemy as sa

    name = f"{SCRATCH_PREFIX}{secrets.token_hex(6)}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT",
                             connect_args={"connect_timeout": database.CONNECT_TIMEOUT_S,
                                           "application_name": "dbkit drift"})
    try:
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE template0')
        except sa.exc.DBAPIError as exc:
            raise DbkitError(
                f"could not create a scratch database on {url.host}:{url.port} to rebuild the "
                f"expected schema (the user needs CREATEDB): {errors.reason(exc)}"
            ) from None
        engine = sa.create_engine(url.set(database=name))
        try:
            yield engine
        finally:
            engine.dispose()
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


# -- the three comparisons ---------------------------------------------------------------------

def revision_findings(env: str, stamped: list[str], heads: list[str]) -> list[Finding]:
    script = revisions.script_directory()
    found = []
    if len(heads) > 1:
        found.append(Finding(REVISION, "several heads", None, None,
                             f"the migration chain has {len(heads)} heads ({', '.join(heads)}): "
                             "two branches each added a migration",
                             "merge them: `alembic merge heads -m \"Merge ...\"`, then upgrade"))
    if len(stamped) > 1:
        found.append(Finding(REVISION, "several revisions stamped", None, None,
                             f"the database is stamped with several revisions: {', '.join(stamped)}",
                             "merge the heads in the repository (`alembic merge heads`), "
                             f"then `ENV={env} alembic upgrade head`"))
        return found
    at = stamped[0] if stamped else None
    if at is not None and not known(at):
        found.append(Finding(REVISION, "unknown revision", None, None,
                             f"the database is stamped {at}, a revision this repository does not "
                             "have (a teammate's migration, or one you deleted)",
                             "get the branch that has it (`git pull`, `git log --all -- "
                             f"migrations/versions`); on dev only, `ENV={env} alembic stamp <the "
                             "last revision you share>` once its schema matches"))
        return found
    if len(heads) == 1 and at != heads[0]:
        pending = list(reversed([s.revision for s in script.iterate_revisions(heads[0], at)]))
        if pending:
            listing = ", ".join(revisions.describe(r) for r in pending)
            state = f"is at {at}" if at else "was never migrated"
            found.append(Finding(REVISION, "pending", None, None,
                                 f"the database {state}: {len(pending)} migration"
                                 f"{'s are' if len(pending) > 1 else ' is'} pending: {listing}",
                                 f"`ENV={env} alembic upgrade head`"))
    return found


def known(revision: str) -> bool:
    try:
        return revisions.script_directory().get_revision(revision) is not None
    except Exception:
        return False


def check(target: Target) -> Report:
    """All three comparisons for ``target``; raises DbkitError when it cannot check."""
    from alembic.runtime.migration import MigrationContext

    heads = list(revisions.script_directory().get_heads())
    engine = read_only_engine(target)
    try:
        with database.connect(engine, target) as live:
            stamped = list(MigrationContext.configure(live).get_current_heads())
            at = stamped[0] if len(stamped) == 1 else None
            report = Report(target.env, target.address, at, heads[0] if len(heads) == 1 else None)
            report.findings += revision_findings(target.env, stamped, heads)
            comparable = len(stamped) <= 1 and (at is None or known(at))
            if comparable:
                with scratch_database(target.url) as scratch_engine, \
                        scratch_engine.connect() as scratch:
                    if at is not None:
                        migrate(scratch, at)
                    diffs = compare_with_revision(live, scratch)
                    matching = None
                    if diffs and report.head:
                        matching = first_matching_revision(live, scratch, at, report.head)
                    report.findings[:0] = findings_for(DATABASE, diffs, target.env, at, matching)
                    if report.head:
                        if at != report.head:
                            migrate(scratch, report.head)
                        report.findings += models_findings(scratch, target.env)
            live.rollback()
    finally:
        engine.dispose()
    return report


def first_matching_revision(live: Connection, scratch: Connection, at: str | None,
                            head: str) -> str | None:
    """The later revision whose schema the hand-changed database already has, if any.

    Steps the scratch database one revision at a time towards head; leaves it at
    the last revision tried (head when nothing matched).
    """
    script = revisions.script_directory()
    for step in reversed(list(script.iterate_revisions(head, at))):
        migrate(scratch, step.revision)
        if not compare_with_revision(live, scratch):
            return step.revision
    return None


def models_metadata() -> MetaData:
    """What the models say the schema is (a seam the tests use to move the models)."""
    from models import Base

    return Base.metadata


def models_findings(scratch_at_head: Connection, env: str) -> list[Finding]:
    return findings_for(MODELS, compare(scratch_at_head, models_metadata()), env, None)


def live_against_models(connection: Connection, target: Target) -> list[Finding]:
    """The cheap check for a database at head: the live schema against the models, no scratch."""
    from models import Base

    # The models are the reference here, as the stamped revision is in ``check``.
    return findings_for(DATABASE, compare(connection, Base.metadata), target.env, revisions.head())


# -- guards for seeding and upgrading ----------------------------------------------------------

def require_no_drift(connection: Connection, target: Target) -> None:
    """Stop before writing when a database at head does not match the models (seeding calls this).

    Cheap: no scratch database, since at head the models are what the database should be.
    Either side may have moved; ``python -m dbkit drift`` tells which."""
    found = live_against_models(connection, target)
    if found:
        raise DbkitError(
            f"the {target.describe()} does not match the models: {found[0].message}"
            + (f" (and {len(found) - 1} more)" if len(found) > 1 else "")
            + "; see `python -m dbkit drift`")


def guard_upgrade(connection: Connection, context) -> None:
    """Before ``alembic upgrade``: refuse on a drifted prod, warn on dev.

    ``-x allow_drift=yes`` proceeds deliberately. Only the ``alembic upgrade``
    command is checked (not stamp, the way to record a hand-made change, nor
    downgrade, current or autogenerate; programmatic ``command.upgrade()`` calls,
    such as our scratch databases, are not either), and only databases already
    stamped: a never-migrated database has nothing to compare yet.
    """
    config = context.config
    if config.attributes.get("dbkit_skip_drift_guard") or context.is_offline_mode():
        return
    command = getattr(config.cmd_opts, "cmd", None)
    if not command or getattr(command[0], "__name__", "") != "upgrade":
        return
    allowed = context.get_x_argument(as_dictionary=True).get(ALLOW_DRIFT, "").lower() \
        in ("yes", "true", "1")
    env = database.env_name()
    found = drift_before_upgrade(connection, env)
    if not found:
        return
    lines = [f"  - {f.message}" for f in found]
    url = connection.engine.url
    where = f"the {env} database {url.host}:{url.port or 5432}/{url.database}"
    if env == "prod" and not allowed:
        raise SystemExit(
            f"error: refusing to upgrade: {where} was changed by hand:\n" + "\n".join(lines)
            + f"\nrun `ENV={env} python -m dbkit drift` for the fixes; to upgrade anyway, "
              f"deliberately: `ENV={env} alembic upgrade head -x {ALLOW_DRIFT}=yes`")
    print(f"warning: {where} was changed by hand:\n" + "\n".join(lines)
          + ("" if allowed else "\n(upgrading anyway: this is dev; `python -m dbkit drift` "
             "says how to get back in sync)"), file=sys.stderr)


def drift_before_upgrade(connection: Connection, env: str) -> list[Finding]:
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy.exc import OperationalError

    began = not connection.in_transaction()
    try:
        with quiet():
            stamped = MigrationContext.configure(connection).get_current_heads()
        if len(stamped) != 1 or not known(stamped[0]):
            return []
        at = stamped[0]
        try:
            with scratch_database(connection.engine.url) as scratch_engine, \
                    scratch_engine.connect() as scratch:
                migrate(scratch, at)
                return findings_for(DATABASE, compare_with_revision(connection, scratch), env, at)
        except (DbkitError, OperationalError) as exc:
            # E.g. a lock another session holds on a table we reflect: the migration's own
            # lock timeout and retries will deal with it.
            print(f"warning: could not check for drift before upgrading: {errors.reason(exc)}",
                  file=sys.stderr)
            return []
    finally:
        if began and connection.in_transaction():
            connection.rollback()


# -- the command -------------------------------------------------------------------------------

def render(report: Report) -> str:
    lines = [f"{report.env} database {report.address}: at "
             f"{revisions.describe(report.stamped) if report.stamped else 'no revision'}, "
             f"head is {report.head or 'ambiguous'}"]
    if report.in_sync:
        lines.append("In sync: the database matches its revision, the models match the "
                     "migrations, and the database is at head.")
        return "\n".join(lines)
    for kind in (DATABASE, MODELS, REVISION):
        found = report.of_kind(kind)
        if not found:
            continue
        lines += ["", f"{KIND_TITLES[kind]}:"]
        for finding in found:
            lines += [f"  - {finding.message}", f"    fix ({report.env}): {finding.fix}"]
    lines += ["", f"{len(report.findings)} difference{'s' if len(report.findings) != 1 else ''}."]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dbkit drift",
        description="Compare the database named by ENV with its stamped revision, the models with "
                    "the migrations, and the revision with the head; say which side moved and "
                    "how to fix it. Exit 0 in sync, 1 drift, 2 could not check. Never writes to "
                    "the checked database.")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    args = parser.parse_args(argv)

    target = database.resolve()
    if not args.json:
        database.announce(target)
    try:
        report = check(target)
    except DbkitError:
        raise
    except Exception as exc:  # a broken migration, an unexpected catalog: say so in one line
        raise DbkitError(f"could not check the {target.describe()} for drift: "
                         f"{type(exc).__name__}: {errors.reason(exc)}") from None
    if args.json:
        print(json.dumps({"env": report.env, "database": report.address,
                          "stamped": report.stamped, "head": report.head,
                          "in_sync": report.in_sync,
                          "findings": [asdict(f) for f in report.findings]}, indent=2))
    else:
        print(render(report))
    return 0 if report.in_sync else 1
