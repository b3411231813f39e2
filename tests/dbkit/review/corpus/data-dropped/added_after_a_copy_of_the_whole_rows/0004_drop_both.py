"""Drop the flag (lost) and the name (its values were copied into services_history)"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    op.drop_column("services", "research_mode")
    op.drop_column("services", "name")


def downgrade():
    op.add_column("services", sa.Column("name", sa.Text(), nullable=True))
    op.add_column("services", sa.Column("research_mode", sa.Boolean(), nullable=True))
