"""People and their details in two tables, accounts and their owners in two others"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(120), nullable=True),
    )
    op.create_table(
        "person_details",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("people.id"), nullable=False),
        sa.Column("fullname", sa.String(100), nullable=True),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("login", sa.String(50), nullable=True),
    )
    op.create_table(
        "owners",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("phone", sa.String(20), nullable=True),
    )
    op.create_table(
        "vehicles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=True),
    )
    op.create_table(
        "cars",
        sa.Column("id", sa.Integer(), sa.ForeignKey("vehicles.id"), primary_key=True),
        sa.Column("doors", sa.Integer(), nullable=True),
    )


def downgrade():
    op.drop_table("cars")
    op.drop_table("vehicles")
    op.drop_table("owners")
    op.drop_table("accounts")
    op.drop_table("person_details")
    op.drop_table("people")
