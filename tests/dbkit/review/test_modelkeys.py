"""modelkeys.py: which create_all calls and model classes give foreign keys."""

from __future__ import annotations

import textwrap

import pytest

from dbkit.review.reader import read_revision

MODELS = '''
import sqlalchemy as sa
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Stamped(Base):
    __abstract__ = True
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False)


class Payment(Base):
    __tablename__ = "payments"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False)


class Refund(Payment):
    __tablename__ = "refunds"
    payment_id = Column(sa.Integer, sa.ForeignKey("payments.id"), primary_key=True)


class Elsewhere(Base):
    __tablename__ = "elsewhere"
    __table_args__ = {"schema": "other"}
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False)


class Twice(Base):
    __tablename__ = "twice"
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False)


class TwiceAgain(Base):
    __tablename__ = "twice"
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False)


class Overwritten(Base):
    __tablename__ = "overwritten"
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False)
    user_id = make_column()


class Unknown(Base):
    __tablename__ = "unknown"
    user_id = Column(Integer, ForeignKey("users.id"), nullable=NULLABLE)


class NotAModel:
    __tablename__ = "plain"
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False)
'''


def _built(tmp_path, call: str) -> dict:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(MODELS)
    versions = tmp_path / "versions"
    versions.mkdir()
    revision = versions / "0001_models.py"
    revision.write_text(textwrap.dedent(f'''
        from alembic import op
        from app.models import Base as ModelBase
        from otherapp import other

        revision = "0001"
        down_revision = None


        def upgrade():
            {call}
    '''))
    ops = read_revision(revision, revision.name).upgrade
    assert [o.name for o in ops] == ["opaque"]  # still code not followed for every other rule
    return {table: (keys, not_null) for table, keys, not_null in ops[0].builds}


def test_the_models_classes_read_whole_give_their_keys(tmp_path):
    built = _built(tmp_path, "ModelBase.metadata.create_all(op.get_bind(), checkfirst=True)")
    assert built == {
        "payments": (((("user_id",), "users", ("id",)),), frozenset({"id", "user_id"})),
        "refunds": (((("payment_id",), "payments", ("id",)),), frozenset({"payment_id"})),
        "overwritten": ((), frozenset()),
        "unknown": (((("user_id",), "users", ("id",)),), frozenset()),
    }


@pytest.mark.parametrize("call", [
    "ModelBase.metadata.create_all(op.get_bind(), tables=[ModelBase.metadata.tables['payments']])",
    "ModelBase.metadata.drop_all(op.get_bind())",
    "other.metadata.create_all(op.get_bind())",
])
def test_anything_else_gives_nothing(tmp_path, call):
    assert _built(tmp_path, call) == {}
