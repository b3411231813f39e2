"""Lower-case each email through an ORM class declared here (it never names cohort), then
require a cohort: nothing filled it, an error"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base, sessionmaker

revision = "0002"
down_revision = "0001"

Base = declarative_base()
Session = sessionmaker()


class Recruit(Base):
    __tablename__ = "recruits"
    id = sa.Column(sa.Integer, primary_key=True)
    email = sa.Column(sa.String)


def upgrade():
    session = Session(bind=op.get_bind())
    for recruit in session.query(Recruit):
        recruit.email = (recruit.email or "").lower()
    session.commit()
    op.alter_column("recruits", "cohort", existing_type=sa.String(100), nullable=False)


def downgrade():
    op.alter_column("recruits", "cohort", existing_type=sa.String(100), nullable=True)
