"""A flag added after the copy: no copy ever held it"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("services", sa.Column("research_mode", sa.Boolean(), nullable=True))


def downgrade():
    op.drop_column("services", "research_mode")
