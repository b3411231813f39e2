"""``python -m dbkit report``'s figures: an environment's revision and its recruits per cohort."""

from __future__ import annotations

from dataclasses import dataclass, field

from dbkit import database, revisions
from dbkit.errors import DbkitError


@dataclass(frozen=True)
class EnvironmentReport:
    env: str
    address: str
    revision: str | None
    at_head: bool
    cohorts: list[tuple[str, int]] = field(default_factory=list)  # (name, recruits); at head only


def report(env: str) -> EnvironmentReport:
    """Read ``env``'s database (as its env file names it): its revision, and at head the count
    of recruits in each cohort (the models are head's, so only a database at head is counted)."""
    import importlib

    import sqlalchemy as sa

    with database.connected(database.target_for(env)) as (target, connection):
        at = revisions.current(connection)
        if at != revisions.head():
            return EnvironmentReport(env, target.address, at, at_head=False)
        revisions.put_models_on_path()  # the chain's own models.py (-c: next to its ini)
        models = importlib.import_module("models")
        Cohort, Recruit = getattr(models, "Cohort", None), getattr(models, "Recruit", None)
        if Cohort is None or Recruit is None:
            raise DbkitError(f"the models of {revisions.chain().name()} ({models.__file__}) "
                             "have no Cohort and Recruit classes, which the report counts "
                             "(the brief's last step adds the cohorts table)")
        rows = connection.execute(
            sa.select(Cohort.name, sa.func.count(Recruit.id))
            .outerjoin(Recruit).group_by(Cohort.name).order_by(Cohort.name))
        return EnvironmentReport(env, target.address, at, True, [(n, c) for n, c in rows])
