"""Create rates, unique on (base, target); and quotes, unique on nothing"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "rates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("base", sa.String(3), nullable=False),
        sa.Column("target", sa.String(3), nullable=False),
        sa.Column("rate", sa.Numeric(), nullable=False),
        sa.Column("retrieved_at", sa.DateTime(), nullable=False),
    )
    op.create_unique_constraint("uq_rates_base_target", "rates", ["base", "target"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("symbol", sa.String(10), nullable=False),
        sa.Column("retrieved_at", sa.DateTime(), nullable=False),
    )


def downgrade():
    op.drop_table("quotes")
    op.drop_table("rates")
