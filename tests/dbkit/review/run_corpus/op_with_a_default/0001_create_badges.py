"""A plugin's chain: its loader calls upgrade(op=op); the files say op=None"""
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade(op=None):
    op.create_table(
        "badges",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("label", sa.String(50), nullable=False),
        sa.Column("colour", sa.String(20), nullable=True),
    )


def downgrade(op=None):
    op.drop_table("badges")
