"""Rebuild cohorts: made outside the chain, so this drop may hold rows"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DROP TABLE IF EXISTS cohorts CASCADE")
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(40), nullable=False),
    )


def downgrade():
    op.drop_table("cohorts")
