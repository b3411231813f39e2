"""Create jobs and their results"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("jobs", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("uuid", sa.String(36), nullable=False),
                    sa.Column("status", sa.String(20), nullable=True),
                    sa.Column("note", sa.Text(), nullable=True),
                    sa.Column("started", sa.DateTime(), nullable=True))
    op.create_table("results", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("job_id", sa.Integer(), sa.ForeignKey("jobs.id")),
                    sa.Column("outcome", sa.String(20), nullable=True))


def downgrade():
    op.drop_table("results")
    op.drop_table("jobs")
