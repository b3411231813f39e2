"""Create cohorts, keyed by code"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "cohorts",
        sa.Column("code", sa.String(20)),
        sa.Column("name", sa.String(100), nullable=True),
        sa.PrimaryKeyConstraint("code"),
    )


def downgrade():
    op.drop_table("cohorts")
