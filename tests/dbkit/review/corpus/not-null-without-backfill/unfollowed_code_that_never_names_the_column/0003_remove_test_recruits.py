"""An ORM session that deletes rows may remove those without a phone: the NOT NULL is a
warning"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base, sessionmaker

revision = "0003"
down_revision = "0002"

Base = declarative_base()
Session = sessionmaker()


class Recruit(Base):
    __tablename__ = "recruits"
    id = sa.Column(sa.Integer, primary_key=True)
    email = sa.Column(sa.String)


def upgrade():
    session = Session(bind=op.get_bind())
    for recruit in session.query(Recruit):
        if recruit.email.endswith("@example.com"):
            session.delete(recruit)
    session.commit()
    op.alter_column("recruits", "phone", existing_type=sa.String(20), nullable=False)


def downgrade():
    op.alter_column("recruits", "phone", existing_type=sa.String(20), nullable=True)
