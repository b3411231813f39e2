"""A loop that names note may have kept it: the drop is a warning"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base, sessionmaker

revision = "0003"
down_revision = "0002"

Base = declarative_base()
Session = sessionmaker()


class Job(Base):
    __tablename__ = "jobs"
    id = sa.Column(sa.Integer, primary_key=True)
    note = sa.Column(sa.Text)


def upgrade():
    session = Session(bind=op.get_bind())
    with open("/tmp/job-notes.txt", "w") as out:
        for job in session.query(Job):
            out.write(f"{job.id}\t{job.note}\n")
            session.delete(job) if job.note == "" else None
    session.commit()
    op.drop_column("jobs", "note")


def downgrade():
    op.add_column("jobs", sa.Column("note", sa.Text(), nullable=True))
