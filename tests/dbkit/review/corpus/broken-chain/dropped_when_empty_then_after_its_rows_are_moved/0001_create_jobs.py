"""Create the legacy jobs table and the runs that replace it"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("legacy_jobs", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("url", sa.String(), nullable=False))
    op.create_table("runs", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("url", sa.String(), nullable=False))


def downgrade():
    op.drop_table("runs")
    op.drop_table("legacy_jobs")
