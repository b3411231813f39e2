"""Create log_recipe, its recipe_id and kind nullable"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "log_recipe",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recipe_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(20), nullable=True),
    )


def downgrade():
    op.drop_table("log_recipe")
