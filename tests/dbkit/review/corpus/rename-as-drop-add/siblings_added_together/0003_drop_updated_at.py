"""Drop updated_at"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("images", "updated_at")


def downgrade():
    op.add_column("images", sa.Column("updated_at", sa.DateTime(), nullable=True))
