"""Counts rebuilt from recruits; teams rebuilt one per cohort by the ORM"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy import orm

revision = "0002"
down_revision = "0001"

Base = orm.declarative_base()


class Team(Base):
    __tablename__ = "teams"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.Text)


def upgrade():
    op.execute("DELETE FROM cohort_counts")
    op.execute("INSERT INTO cohort_counts (cohort, recruits) "
               "SELECT cohort, count(*) FROM recruits GROUP BY cohort")
    op.execute("DELETE FROM teams")
    session = orm.Session(bind=op.get_bind())
    for (cohort,) in session.execute(sa.text("SELECT DISTINCT cohort FROM recruits")):
        session.add(Team(name=cohort))
    session.commit()


def downgrade():
    pass
