"""Create accounts and invoices, each with an owner kept as a number"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    for name in ("accounts", "invoices"):
        op.create_table(
            name,
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("owner_number", sa.Integer(), nullable=True),
        )


def downgrade():
    op.drop_table("invoices")
    op.drop_table("accounts")
