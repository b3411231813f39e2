"""Let slug be NULL; the downgrade fills the NULLs the way the application makes slugs"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("prompts", "slug", existing_type=sa.String(100), nullable=True)


def downgrade():
    op.execute("UPDATE prompts SET slug = lower(name) WHERE slug IS NULL")
    op.alter_column("prompts", "slug", existing_type=sa.String(100), nullable=False)
