"""Create orgs, owner kept as text"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "orgs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner", sa.String(36), nullable=True),
    )


def downgrade():
    op.drop_table("orgs")
