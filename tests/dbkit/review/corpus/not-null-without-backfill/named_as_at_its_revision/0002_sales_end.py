"""A NOT NULL sales_end on a table with rows: named sales_end here, although a later
revision renames it"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("ticket", sa.Column("sales_end", sa.DateTime(), nullable=False))


def downgrade():
    op.drop_column("ticket", "sales_end")
