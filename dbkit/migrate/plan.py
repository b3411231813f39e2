"""What an Alembic command is about to do: where the database is, and the steps it will run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dbkit import alembic_compat, revisions

if TYPE_CHECKING:
    from alembic.runtime.environment import EnvironmentContext


def current(context: EnvironmentContext) -> str | None:
    heads = context.get_context().get_current_heads()
    return "+".join(heads) or None


def writes(context: EnvironmentContext) -> bool:
    """Upgrade, downgrade and stamp write; current, check and autogenerate only read."""
    return "destination_rev" in context.get_context().opts


def planned_steps(context: EnvironmentContext) -> list:
    """The revisions this upgrade or downgrade would run, without running them."""
    from alembic.runtime.migration import RevisionStep

    return [step for step in all_steps(context) if isinstance(step, RevisionStep)]


def is_stamp(context: EnvironmentContext) -> bool:
    """An ``alembic stamp``: it moves the version without running any revision."""
    from alembic.runtime.migration import StampStep

    return any(isinstance(step, StampStep) for step in all_steps(context))


def all_steps(context: EnvironmentContext) -> list:
    if not writes(context):
        return []
    return alembic_compat.planned_steps(context.get_context())


def destination(context: EnvironmentContext) -> str:
    """Where the command goes: '0008', 'base', for messages."""
    steps = all_steps(context)
    if not steps:
        return current(context) or "base"
    return "+".join(steps[-1].to_revisions) or "base"


def describe_next(context: EnvironmentContext) -> str:
    """'the upgrade to 0006 (Rename ...)': the next revision to run, for messages."""
    steps = planned_steps(context)
    if not steps:
        return "the migration"
    step = steps[0]
    verb = "upgrade to" if step.is_upgrade else "downgrade of"
    return f"the {verb} {revisions.describe(step.revision.revision)}"
