"""Create runs; add a column to legacy, a table made outside the chain"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(20), nullable=True),
    )
    op.add_column("legacy", sa.Column("imported_at", sa.DateTime(), nullable=True))


def downgrade():
    op.drop_column("legacy", "imported_at")
    op.drop_table("runs")
