"""A placeholder coding deleted by an id Python formats in, its links read by key only
first; downgrade() adds an equal one through the ORM (truenth 875b743d457f): a warning"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy import orm

revision = "0002"
down_revision = "0001"

Base = orm.declarative_base()


class Coding(Base):
    __tablename__ = "codings"
    id = sa.Column(sa.Integer, primary_key=True)
    system = sa.Column(sa.String(50))
    display = sa.Column(sa.String(50))


def upgrade():
    conn = op.get_bind()
    default = conn.execute(sa.text("SELECT id FROM codings WHERE display = 'Default'")).scalar()
    if default:
        for link_id, concept_id in conn.execute(
                "SELECT id, concept_id FROM concept_codings WHERE coding_id = {}".format(default)):
            conn.execute("DELETE FROM concept_codings WHERE id = {}".format(link_id))
        conn.execute("DELETE FROM codings WHERE id = {}".format(default))


def downgrade():
    session = orm.Session(bind=op.get_bind())
    session.add(Coding(system="urn:ietf:bcp:47", display="Default"))
    session.commit()
