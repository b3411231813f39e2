"""Merge duplicate jobs through ORM classes declared here, then drop status (kept nowhere)"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base, relationship, sessionmaker

revision = "0002"
down_revision = "0001"

Base = declarative_base()
Session = sessionmaker()


class Job(Base):
    __tablename__ = "jobs"
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36))
    results = relationship("Result", backref="job")


class Result(Base):
    __tablename__ = "results"
    id = sa.Column(sa.Integer, primary_key=True)
    job_id = sa.Column(sa.Integer, sa.ForeignKey("jobs.id"))


def upgrade():
    session = Session(bind=op.get_bind())
    first = {}
    for job in session.query(Job).order_by(Job.id):
        kept = first.setdefault(job.uuid, job)
        if kept.id != job.id:
            for result in job.results:
                result.job_id = kept.id
            session.delete(job)
    session.commit()
    op.drop_column("jobs", "status")


def downgrade():
    op.add_column("jobs", sa.Column("status", sa.String(20), nullable=True))
