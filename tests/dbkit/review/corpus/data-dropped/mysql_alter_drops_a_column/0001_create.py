"""Create task_exclude (a join table with a surrogate id) and job"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "task_exclude",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("task_id", sa.Integer()),
        sa.Column("arch_id", sa.Integer()),
    )
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(20)),
        sa.Column("note", sa.Text()),
    )
    op.create_table(
        "job_note",
        sa.Column("job_id", sa.Integer(), primary_key=True),
        sa.Column("note", sa.Text()),
    )


def downgrade():
    op.drop_table("job_note")
    op.drop_table("job")
    op.drop_table("task_exclude")
