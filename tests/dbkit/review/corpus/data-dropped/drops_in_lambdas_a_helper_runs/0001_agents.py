"""agents and their training episodes"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "agents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("training_hours", sa.Integer),
        sa.Column("body_type", sa.Text),
    )
    op.create_table(
        "training_episodes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("agent_id", sa.Integer, nullable=False),
        sa.Column("reward", sa.Float),
    )


def downgrade():
    op.drop_table("training_episodes")
    op.drop_table("agents")
