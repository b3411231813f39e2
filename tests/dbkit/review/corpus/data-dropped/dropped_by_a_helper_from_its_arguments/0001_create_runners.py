"""Create runners"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "runners",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("server_mode", sa.Boolean(), nullable=True),
        sa.Column("secret", sa.String(64), nullable=True),
        sa.Column("region", sa.String(20), nullable=True),
        sa.Column("colour", sa.String(20), nullable=True),
        sa.Column("label", sa.String(50), nullable=True),
    )
    op.create_table(
        "runner_labels",
        sa.Column("runner_id", sa.Integer(), primary_key=True),
        sa.Column("label", sa.String(50), nullable=True),
    )


def downgrade():
    op.drop_table("runner_labels")
    op.drop_table("runners")
