"""Run by the project between the expand and the contract revisions: every variant becomes
a workflow; the Label rows only get their project set, in place."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from deprecated_models import Label, Variant

MODELS = [Label]


def migrate(engine):
    with Session(engine) as session:
        for variant in session.execute(select(Variant)).scalars():
            session.execute(workflows.insert().values(name=variant.name))  # noqa: F821
        for model in MODELS:
            for row in session.query(model):
                row.project_id = 1
        session.commit()
