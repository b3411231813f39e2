"""Count welcomes, with an ORM session"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session, declarative_base

from app.services.welcome import welcome_text  # (project code the reviewer cannot find)

revision = "0002"
down_revision = "0001"

Base = declarative_base()


class Counter(Base):
    __tablename__ = "counters"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.Text)


def upgrade():
    session = Session(bind=op.get_bind())
    try:
        counter = Counter(name="welcome")
        counter.name = welcome_text(counter.name)
        session.add(counter)
        session.commit()
    finally:
        session.close()


def downgrade():
    op.execute("DELETE FROM counters WHERE name = 'welcome'")
