"""Create ad accounts and their connections"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "connections",
        sa.Column("id", sa.Integer(), primary_key=True),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token", sa.Text(), nullable=True),
    )


def downgrade():
    op.drop_table("accounts")
    op.drop_table("connections")
