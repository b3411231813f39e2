"""A plugin's revision: its loader calls upgrade(op=op), the file says op=None"""
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade(op=None):
    op.create_table(
        "badges",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("label", sa.String(50), nullable=False),
    )


def downgrade(op=None):
    op.drop_table("badges")
