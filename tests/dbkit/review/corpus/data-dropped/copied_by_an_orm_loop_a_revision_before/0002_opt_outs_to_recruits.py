"""Carry each opt-out into recruits.wants_mail, through ORM classes declared here"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base, sessionmaker

revision = "0002"
down_revision = "0001"

Base = declarative_base()
Session = sessionmaker()


class EmailOptOut(Base):
    __tablename__ = "email_opt_outs"
    id = sa.Column(sa.Integer, primary_key=True)
    email = sa.Column(sa.String)


class Recruit(Base):
    __tablename__ = "recruits"
    id = sa.Column(sa.Integer, primary_key=True)
    email = sa.Column(sa.String)
    wants_mail = sa.Column(sa.Boolean)


def upgrade():
    session = Session(bind=op.get_bind())
    for opt_out in session.query(EmailOptOut):
        for recruit in session.query(Recruit).filter_by(email=opt_out.email):
            recruit.wants_mail = False
    session.commit()


def downgrade():
    op.execute("UPDATE recruits SET wants_mail = NULL")
