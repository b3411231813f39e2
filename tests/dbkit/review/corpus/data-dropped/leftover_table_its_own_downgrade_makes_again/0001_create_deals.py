"""Create deals"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("deals", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("price", sa.Numeric(), nullable=False))


def downgrade():
    op.drop_table("deals")
