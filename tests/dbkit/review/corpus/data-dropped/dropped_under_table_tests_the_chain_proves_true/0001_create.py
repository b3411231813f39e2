"""Create filters, with their type and label"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "filters",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("filter_type", sa.Text(), nullable=True),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=True),
    )


def downgrade():
    op.drop_table("filters")
