"""Metrics keyed by channel and file, no longer by recruit (quetz 8dfb7c4bfbd7's shape)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_table("recruit_metrics")
    op.create_table(
        "aggregated_metrics",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("channel_name", sa.String(), nullable=True),
        sa.Column("metric_name", sa.String(255), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("timestamp", sa.DateTime(), nullable=False),
    )


def downgrade():
    raise NotImplementedError("metrics per recruit are not kept")
