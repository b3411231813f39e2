"""Drop colour, throwing the colours away"""
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade(op=None):
    op.drop_column("badges", "colour")


def downgrade(op=None):
    op.add_column("badges", sa.Column("colour", sa.String(20), nullable=True))
