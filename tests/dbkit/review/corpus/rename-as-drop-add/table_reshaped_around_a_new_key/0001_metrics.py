"""Download counts per recruit"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
    )
    op.create_table(
        "recruit_metrics",
        sa.Column("recruit_id", sa.Integer(), sa.ForeignKey("recruits.id"), primary_key=True),
        sa.Column("metric_name", sa.String(255), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("timestamp", sa.DateTime(), nullable=False),
    )


def downgrade():
    op.drop_table("recruit_metrics")
    op.drop_table("recruits")
