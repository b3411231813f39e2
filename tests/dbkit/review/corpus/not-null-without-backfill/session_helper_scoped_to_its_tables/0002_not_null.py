"""Every procedure gets a visit (truenth-portal 823de677d394): a helper, called with a
literal table name, loops over a session's rows and adds ORM objects. What it may fill is
that table and visits (Visit): the NOT NULL of procedures.visit_id after it is a warning;
that of tokens.user_id, a table it never names, an error (though it sets a user_id)."""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base, sessionmaker

revision = "0002"
down_revision = "0001"

Base = declarative_base()
Session = sa.orm.sessionmaker()


class Visit(Base):
    __tablename__ = "visits"
    id = sa.Column(sa.Integer, primary_key=True)
    user_id = sa.Column(sa.Integer)


def create_missing_visits(table_name):
    session = Session(bind=op.get_bind())
    for row_id, user_id in session.execute(
            "SELECT id, user_id FROM {} WHERE visit_id IS NULL".format(table_name)):
        visit = Visit(user_id=user_id)
        session.add(visit)
        session.commit()
        session.execute("UPDATE {} SET visit_id = {} WHERE id = {}".format(
            table_name, visit.id, row_id))


def upgrade():
    create_missing_visits("procedures")
    op.alter_column("procedures", "visit_id", existing_type=sa.Integer(), nullable=False)
    op.alter_column("tokens", "user_id", existing_type=sa.Integer(), nullable=False)


def downgrade():
    op.alter_column("tokens", "user_id", existing_type=sa.Integer(), nullable=True)
    op.alter_column("procedures", "visit_id", existing_type=sa.Integer(), nullable=True)
