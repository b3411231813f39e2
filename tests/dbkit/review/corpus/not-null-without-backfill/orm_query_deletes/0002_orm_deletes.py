"""ORM query deletes (optuna v2.4.0.a, v3.0.0.b): every row of trial_values goes, so the
NOT NULL column added after has no row to fill (the delete itself loses them: an error);
the notes whose body IS NULL go, so SET NOT NULL on body cannot fail (a warning for the
rows); a delete of the tags labelled 'old' leaves the NULL labels there: the NOT NULL fails"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy import orm

revision = "0002"
down_revision = "0001"

Base = orm.declarative_base()


class TrialValue(Base):
    __tablename__ = "trial_values"
    id = sa.Column(sa.Integer, primary_key=True)
    value = sa.Column(sa.Float)


class Note(Base):
    __tablename__ = "notes"
    id = sa.Column(sa.Integer, primary_key=True)
    body = sa.Column(sa.Text)


class Tag(Base):
    __tablename__ = "tags"
    id = sa.Column(sa.Integer, primary_key=True)
    label = sa.Column(sa.Text)


def upgrade():
    session = orm.Session(bind=op.get_bind())
    session.query(TrialValue).delete()
    session.query(Note).filter(Note.body.is_(None)).delete()
    session.query(Tag).filter(Tag.label == "old").delete()
    session.commit()
    op.add_column("trial_values", sa.Column("objective", sa.Integer, nullable=False))
    op.alter_column("notes", "body", existing_type=sa.Text, nullable=False)
    op.alter_column("tags", "label", existing_type=sa.Text, nullable=False)


def downgrade():
    op.alter_column("tags", "label", existing_type=sa.Text, nullable=True)
    op.alter_column("notes", "body", existing_type=sa.Text, nullable=True)
    op.drop_column("trial_values", "objective")
