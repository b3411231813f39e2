"""Fill chatname and each recruit's cohort through ORM classes declared here; the loop
reads email and sets active, and fills neither email nor active's NULLs for sure"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base, relationship, sessionmaker

revision = "0002"
down_revision = "0001"

Base = declarative_base()
Session = sessionmaker()


class Cohort(Base):
    __tablename__ = "cohorts"
    id = sa.Column(sa.Integer, primary_key=True)


class Recruit(Base):
    __tablename__ = "recruits"
    id = sa.Column(sa.Integer, primary_key=True)
    chatname = sa.Column(sa.String)
    email = sa.Column(sa.String)
    cohort_id = sa.Column(sa.Integer, sa.ForeignKey("cohorts.id"))
    cohort = relationship(Cohort)


def upgrade():
    session = Session(bind=op.get_bind())
    default = session.query(Cohort).first()
    for recruit in session.query(Recruit):
        recruit.chatname = recruit.chatname or ""
        recruit.cohort = default
        if recruit.email:
            recruit.active = True
    session.commit()


def downgrade():
    pass
