"""wall goes (LocalCragApp 60c6011f6eb1); highball stays what it was"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("lines", "wall")


def downgrade():
    op.add_column("lines", sa.Column("wall", sa.Boolean))
