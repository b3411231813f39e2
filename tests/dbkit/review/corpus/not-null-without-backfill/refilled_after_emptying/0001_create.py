"""Create the cohort templates"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "cohort_templates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=True),
        sa.Column("city", sa.String(100), nullable=True),
    )


def downgrade():
    op.drop_table("cohort_templates")
