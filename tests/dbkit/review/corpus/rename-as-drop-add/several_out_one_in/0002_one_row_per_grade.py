"""One row per grade: three columns out, one in (a reshape, not a rename)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("salary_scale", sa.Column("salary", sa.Integer(), nullable=True))
    op.drop_column("salary_scale", "junior_salary")
    op.drop_column("salary_scale", "senior_salary")
    op.drop_column("salary_scale", "lead_salary")


def downgrade():
    op.add_column("salary_scale", sa.Column("lead_salary", sa.Integer(), nullable=True))
    op.add_column("salary_scale", sa.Column("senior_salary", sa.Integer(), nullable=True))
    op.add_column("salary_scale", sa.Column("junior_salary", sa.Integer(), nullable=True))
    op.drop_column("salary_scale", "salary")
