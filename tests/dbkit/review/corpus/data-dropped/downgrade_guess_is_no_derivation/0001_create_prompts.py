"""Create prompts: whether a prompt cites its sources is set by its author"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "prompts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("include_citations", sa.Boolean(), nullable=True),
        sa.Column("slug", sa.String(100), nullable=False),
    )


def downgrade():
    op.drop_table("prompts")
