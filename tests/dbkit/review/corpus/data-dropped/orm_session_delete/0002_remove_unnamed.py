"""Remove recruits without a chat name, and cohorts left empty, through the ORM"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import orm

revision = "0002"
down_revision = "0001"

Base = orm.declarative_base()


class Cohort(Base):
    __tablename__ = "cohorts"
    id = sa.Column(sa.Integer, primary_key=True)
    recruits = orm.relationship("Recruit", back_populates="cohort")


class Recruit(Base):
    __tablename__ = "recruits"
    id = sa.Column(sa.Integer, primary_key=True)
    cohort_id = sa.Column(sa.Integer, sa.ForeignKey("cohorts.id"))
    chatname = sa.Column(sa.String(100))
    cohort = orm.relationship("Cohort", back_populates="recruits")


def upgrade():
    session = orm.Session(bind=op.get_bind())
    for cohort in session.query(Cohort).all():
        for recruit in cohort.recruits:
            if not recruit.chatname:
                session.delete(recruit)
    for cohort in session.query(Cohort).all():
        if not cohort.recruits:
            session.delete(cohort)
    session.commit()


def downgrade():
    pass
