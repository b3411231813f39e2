"""Drop colour, throwing the colours away"""
import sqlalchemy as sa

revision = "b002"
down_revision = "b001"


def upgrade(op=None):
    op.drop_column("badges", "colour")


def downgrade(op=None):
    op.add_column("badges", sa.Column("colour", sa.String(20), nullable=True))
