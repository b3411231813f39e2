"""Create job, its status nullable"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ttasks", sa.Integer()),
        sa.Column("status", sa.String(20), nullable=True),
    )


def downgrade():
    op.drop_table("job")
