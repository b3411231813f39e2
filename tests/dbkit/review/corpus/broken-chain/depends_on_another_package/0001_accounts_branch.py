"""The accounts branch starts after the core package's chain (its own version location)"""
from alembic import op
import sqlalchemy as sa

revision = "a001"
down_revision = None
branch_labels = ("accounts",)
depends_on = "core0001"


def upgrade():
    op.create_table("accounts", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("accounts")
