"""Library themes, keyed by the theme's name"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("library_themes", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("theme_id", sa.String(100)))


def downgrade():
    op.drop_table("library_themes")
