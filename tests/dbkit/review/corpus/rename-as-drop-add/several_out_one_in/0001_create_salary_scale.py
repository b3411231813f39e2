"""Create salary_scale: one column per grade"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "salary_scale",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("junior_salary", sa.Integer(), nullable=True),
        sa.Column("senior_salary", sa.Integer(), nullable=True),
        sa.Column("lead_salary", sa.Integer(), nullable=True),
    )


def downgrade():
    op.drop_table("salary_scale")
