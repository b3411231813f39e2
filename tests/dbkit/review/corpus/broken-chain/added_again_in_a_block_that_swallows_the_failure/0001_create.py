"""rules, with updated_at and a cohort"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "rules",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("updated_at", sa.DateTime, nullable=True),
        sa.Column("cohort", sa.String(20), nullable=True),
    )


def downgrade():
    op.drop_table("rules")
