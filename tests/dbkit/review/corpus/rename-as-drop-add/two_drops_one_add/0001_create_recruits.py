"""Create recruits, with a home and a work email"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("home_email", sa.String(254), nullable=True),
        sa.Column("work_email", sa.String(254), nullable=True),
    )


def downgrade():
    op.drop_table("recruits")
