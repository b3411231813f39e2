"""Create settings, one row per name"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "settings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("value", sa.String(200), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
    )


def downgrade():
    op.drop_table("settings")
