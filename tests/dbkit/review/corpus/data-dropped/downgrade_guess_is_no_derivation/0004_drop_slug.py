"""Drop slug: the 0003 downgrade shows it is computed from name, which stays"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    op.drop_column("prompts", "slug")


def downgrade():
    op.add_column("prompts", sa.Column("slug", sa.String(100), nullable=True))
