"""The renamed column dropped: named as it is called now"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    op.drop_column("tickets", "sales_ends_at")


def downgrade():
    op.add_column("tickets", sa.Column("sales_ends_at", sa.DateTime(), nullable=True))
