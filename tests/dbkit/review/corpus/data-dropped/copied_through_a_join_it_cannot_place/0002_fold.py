"""Fold recruits into people through a join the reviewer cannot place; keep only mentors' cohorts"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("people", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(100)), sa.Column("cohort", sa.String(100)))
    # chatname and label unqualified: which table has each, the chain does not show
    op.execute("INSERT INTO people (name, cohort) SELECT chatname, label "
               "FROM recruits JOIN outside_cohorts ON outside_cohorts.code = recruits.code")
    op.drop_table("recruits")
    op.create_table("labels", sa.Column("label", sa.String(100)))
    # qualified: only the cohort's label is copied, nothing of mentors
    op.execute("INSERT INTO labels (label) SELECT c.label "
               "FROM mentors JOIN outside_cohorts c ON c.code = mentors.code")
    op.drop_table("mentors")


def downgrade():
    raise NotImplementedError("one way")
