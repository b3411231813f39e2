"""Rename-aware autogenerate: stop "drop X + add Y" where it is born.

Autogenerate cannot tell a renamed column from a dropped one plus a new one,
so it writes every rename as ``drop_column`` + ``add_column``, which throws
the old column's data away. ``migrations/env.py`` passes the generated
directives through :func:`rewrite_renames`, which, for each table where one
column goes and another of a compatible type comes:

- asks "Did you rename recruits.chatname to recruits.rocketchat_user? [y/N]"
  when a person is at the terminal;
- without a terminal, takes the answer from
  ``alembic -x rename=recruits.chatname:rocketchat_user revision --autogenerate -m "..."``
  (several: comma separated, or several ``-x rename=...``, always before ``revision``);
- on yes writes ``op.alter_column(..., new_column_name=...)`` in the upgrade
  and the reverse in the downgrade; otherwise keeps drop + add and puts a loud
  warning at the top of the generated file.

:func:`include_object` keeps autogenerate from proposing to drop a table the
models never had (a table made by hand in psql, say): only tables that a
revision of our chain created can be dropped by removing them from the models.

:func:`prepare` is what ``migrations/env.py`` calls: it also says, before asking
or concluding, when the database was changed by hand (drift's comparison with
what its stamped revision makes), since autogenerate compares the models with
that database, not with the migrations.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic.operations import ops

from dbkit import alembic_compat, revisions
from dbkit.errors import DbkitError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from dbkit.drift.gates import HandMade

log = logging.getLogger(__name__)

Rename = tuple[str, str, str]  # (table, old column, new column)

WARNING = """
# !!! WARNING: DATA LOSS. Autogenerate wrote {what} as drop + add:
{lines}
# Dropping a column destroys every value in it. If you renamed the column,
# use op.alter_column(table, old, new_column_name=new) in upgrade() and the
# reverse in downgrade(), or delete this file and generate again with
#     alembic -x rename={example} revision --autogenerate -m "..."
# If the data really must go, keep a copy first (see python -m dbkit review)."""


def parse_renames(x_arguments: Iterable[str]) -> set[Rename]:
    """``["rename=recruits.chatname:rocketchat_user,t.a:b"]`` -> {("recruits", "chatname", ...)}."""
    renames: set[Rename] = set()
    for argument in x_arguments:
        key, _, value = argument.partition("=")
        if key.strip() != "rename":
            continue
        for item in filter(None, (v.strip() for v in value.split(","))):
            column, _, new = item.partition(":")
            table, _, old = column.rpartition(".")
            if not (table and old and new):
                raise DbkitError(f"-x rename={item!r}: write it as table.old_column:new_column "
                                 "(for example recruits.chatname:rocketchat_user)")
            renames.add((table, old, new))
    return renames


def terminal_prompt(question: str) -> bool:
    """Ask a yes/no question at the terminal; anything but y/yes is no."""
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def default_ask() -> Callable[[str], bool] | None:
    """The prompt when a person is at the terminal, else None (never block CI on input)."""
    return terminal_prompt if sys.stdin.isatty() else None


def compatible(dropped: ops.DropColumnOp, added: ops.AddColumnOp) -> bool:
    """Could the dropped column's values live in the added one (same kind of type)?"""
    old = alembic_compat.dropped_column(dropped)
    if old is None:
        return False
    return alembic_compat.type_affinity(old.type) is alembic_compat.type_affinity(added.column.type)


def rewrite_renames(script: ops.MigrationScript, renames: set[Rename],
                    ask: Callable[[str], bool] | None,
                    hand_renamed: Iterable[Rename] = (),
                    say: Callable[[str], None] | None = None) -> list[Rename]:
    """Turn confirmed drop + add pairs into renames; return the pairs left as drop + add.

    ``hand_renamed``: renames made by hand in the database; a pair that undoes one is
    explained (through ``say``) before the question, which is about the revision written.
    """
    kept: list[Rename] = []
    undone = {(t, new, old) for t, old, new in hand_renamed}
    assert script.upgrade_ops is not None
    for table_ops in script.upgrade_ops.ops:
        if not isinstance(table_ops, ops.ModifyTableOps):
            continue
        table = table_ops.table_name
        for dropped, added in _pairs(table_ops):
            rename = (table, dropped.column_name, added.column.name)
            question = (f"Did you rename {table}.{dropped.column_name} to "
                        f"{table}.{added.column.name}?")
            if rename in undone and say is not None and ask is not None and rename not in renames:
                say(undo_explained(rename))
            if rename in renames or (ask is not None and ask(question)):
                _rename(script, table_ops, dropped, added)
                log.info("writing %s.%s -> %s as a rename", *rename)
            else:
                kept.append(rename)
    if kept:
        script.imports.add(warning_comment(kept))
        for rename in kept:
            log.warning("%s.%s is dropped and %s added: their data is lost, unless you rename "
                        "(delete the file and run `alembic -x rename=%s.%s:%s revision "
                        "--autogenerate -m \"...\"`)", *rename, *rename)
    return kept


# -- a database changed by hand ----------------------------------------------------------------

NO_CHANGES = "No changes in the models: no revision written."


def undo_explained(rename: Rename) -> str:
    table, dropped, added = rename
    return (f"{table}.{dropped} is the name given by hand; the models say {added}, so the "
            f"revision would rename it back to {added} (the question is about that revision):")


def hand_made_notice(hand_made: Sequence[HandMade], env: str) -> str:
    lines = [f"note: this {env} database was changed by hand (it differs from what its revision "
             "makes):"]
    lines += [f"  - {h.finding.message}" for h in hand_made]
    lines.append("Autogenerate compares the models with this database, not with the migrations: "
                 "the revision it writes goes from this database to the models, so it undoes "
                 "what was changed by hand and the models do not have. "
                 f"`{revisions.drift_command(env)}` says how to get back in sync.")
    return "\n".join(lines)


def no_changes(hand_made: Sequence[HandMade], env: str) -> str:
    """The outcome when the models match the database: why, if it was changed by hand."""
    if not hand_made:
        return NO_CHANGES
    lines = ["No changes between the models and this database: no revision written. But the "
             "database matches the models only because it was changed by hand:"]
    for h in hand_made:
        lines += [f"  - {h.finding.message}", f"    the migration that makes it: {h.migration}"]
    write = revisions.alembic_command(env, 'revision -m "..."')
    lines.append("No migration makes these changes, so a database made by the migrations "
                 "(prod) does not have them: write the revision that makes them "
                 f"(`{write}`, then edit it), "
                 "record it on this database with "
                 f"`{revisions.alembic_command(env, 'stamp <that revision>')}`, and check with "
                 f"`{revisions.drift_command(env)}`.")
    return "\n".join(lines)


def hand_made_changes(connection: Connection) -> list[HandMade]:
    """Drift's hand-made changes of the database autogenerate compares with; none if it
    cannot tell (no CREATEDB, a revision that fails): autogenerate goes on as before."""
    from sqlalchemy.exc import SQLAlchemyError

    from dbkit import database, drift
    from dbkit.drift.expected import RevisionFailed

    began = not connection.in_transaction()
    try:
        return drift.hand_made_changes(connection, database.env_name())
    except (RevisionFailed, DbkitError, SQLAlchemyError) as exc:  # never stop autogenerate for
        # a check it can do without (no CREATEDB, a revision that fails, a lock)
        log.debug("no drift check before autogenerate: %s", exc)
        return []
    finally:
        if began and connection.in_transaction():
            connection.rollback()


def prepare(script: ops.MigrationScript, connection: Connection, x_arguments: Iterable[str],
            ask: Callable[[str], bool] | None, say: Callable[[str], None]) -> bool:
    """What ``process_revision_directives`` does for ``alembic revision --autogenerate``.

    Says when the database was changed by hand, asks about renames, writes the
    DATA LOSS warning; False when there is nothing to write.
    """
    from dbkit import database

    renames = parse_renames(x_arguments)
    env = database.env_name()
    hand_made = hand_made_changes(connection)
    assert script.upgrade_ops is not None
    if script.upgrade_ops.is_empty():
        say(no_changes(hand_made, env))
        return False
    if hand_made:
        say(hand_made_notice(hand_made, env))
    rewrite_renames(script, renames, ask, hand_renamed=[h.renamed for h in hand_made if h.renamed],
                    say=say)
    return True


def warning_comment(kept: list[Rename]) -> str:
    lines = "\n".join(f"#     {t}.{old} is DROPPED (all its values are lost), {t}.{new} is added"
                      for t, old, new in kept)
    what = "a possible rename" if len(kept) == 1 else f"{len(kept)} possible renames"
    example = ",".join(f"{t}.{old}:{new}" for t, old, new in kept)
    return WARNING.format(what=what, lines=lines, example=example)


def _pairs(table_ops: ops.ModifyTableOps) -> list[tuple[ops.DropColumnOp, ops.AddColumnOp]]:
    """Each dropped column with the first added column of a compatible type (each used once)."""
    drops = [o for o in table_ops.ops if isinstance(o, ops.DropColumnOp)]
    adds = [o for o in table_ops.ops if isinstance(o, ops.AddColumnOp)]
    pairs = []
    for dropped in drops:
        added = next((a for a in adds if compatible(dropped, a)), None)
        if added is not None:
            adds.remove(added)
            pairs.append((dropped, added))
    return pairs


def _rename(script: ops.MigrationScript, table_ops: ops.ModifyTableOps,
            dropped: ops.DropColumnOp, added: ops.AddColumnOp) -> None:
    """Replace the pair by alter_column(new_column_name=...) in upgrade and downgrade."""
    old, new, column = dropped.column_name, added.column.name, added.column
    upgrade = ops.AlterColumnOp(table_ops.table_name, old, schema=table_ops.schema,
                                modify_name=new, existing_type=column.type,
                                existing_nullable=dropped.to_column().nullable)
    _replace(table_ops, dropped, added, upgrade)
    assert script.downgrade_ops is not None
    for down_ops in script.downgrade_ops.ops:
        if isinstance(down_ops, ops.ModifyTableOps) and \
                (down_ops.table_name, down_ops.schema) == (table_ops.table_name, table_ops.schema):
            undo_add = next(o for o in down_ops.ops
                            if isinstance(o, ops.DropColumnOp) and o.column_name == new)
            undo_drop = next(o for o in down_ops.ops
                             if isinstance(o, ops.AddColumnOp) and o.column.name == old)
            downgrade = ops.AlterColumnOp(down_ops.table_name, new, schema=down_ops.schema,
                                          modify_name=old, existing_type=column.type,
                                          existing_nullable=column.nullable)
            _replace(down_ops, undo_add, undo_drop, downgrade)


def _replace(table_ops: ops.ModifyTableOps, first: ops.MigrateOperation,
             second: ops.MigrateOperation, by: ops.MigrateOperation) -> None:
    table_ops.ops[table_ops.ops.index(first)] = by
    table_ops.ops.remove(second)


def chain_tables() -> frozenset[str]:
    """The tables some revision of the chain in use creates (read statically, like the reviewer)."""
    from dbkit import revisions

    return _tables_created(revisions.chain().versions)


@lru_cache(maxsize=4)
def _tables_created(folders: tuple[Path, ...]) -> frozenset[str]:
    from dbkit.review.reader import read_revision

    tables = set()
    for path in sorted(p for folder in folders for p in folder.glob("*.py")):
        for op in read_revision(path, str(path)).upgrade:
            if op.name in ("create_table", "rename_table"):
                tables.add(op.new_name if op.name == "rename_table" else op.table)
    return frozenset(filter(None, tables))


def include_object(object_: Any, name: str | None, type_: str, reflected: bool,
                   compare_to: Any) -> bool:
    """Never propose dropping a table the models never had (one made by hand, say).

    A table in the database but not in the models is dropped by autogenerate
    only when a revision of our chain created it: then the models dropped it.
    """
    if type_ == "table" and reflected and compare_to is None:
        qualified = f"{object_.schema}.{name}" if object_.schema else name
        if qualified not in chain_tables():
            log.warning("table %s is in the database but was never in the models: "
                        "not dropping it", qualified)
            return False
    return True
