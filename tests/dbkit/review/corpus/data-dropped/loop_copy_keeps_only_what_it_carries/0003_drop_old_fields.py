"""Drop the old fields"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("systems", "contact")
    op.drop_column("systems", "title")
    op.drop_column("systems", "countries")
    op.drop_column("systems", "is_public")
    op.drop_column("datasets", "contact")


def downgrade():
    op.add_column("datasets", sa.Column("contact", sa.Text))
    op.add_column("systems", sa.Column("is_public", sa.Boolean))
    op.add_column("systems", sa.Column("countries", postgresql.ARRAY(sa.Text)))
    op.add_column("systems", sa.Column("title", sa.Text))
    op.add_column("systems", sa.Column("contact", sa.Text))
