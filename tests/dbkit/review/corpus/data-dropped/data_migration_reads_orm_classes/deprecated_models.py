"""The models of tables the chain retires, kept for the data migrations."""
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Variant(Base):
    __tablename__ = "variants"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.Text)


class Label(Base):
    __tablename__ = "labels"
    id = sa.Column(sa.Integer, primary_key=True)
    text = sa.Column(sa.Text)
    project_id = sa.Column(sa.Integer)
