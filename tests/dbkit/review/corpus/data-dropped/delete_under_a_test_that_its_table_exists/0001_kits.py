"""kit components"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "kit_components",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kit_id", sa.Integer, nullable=False),
        sa.Column("quantity", sa.Numeric, nullable=False),
    )


def downgrade():
    op.drop_table("kit_components")
