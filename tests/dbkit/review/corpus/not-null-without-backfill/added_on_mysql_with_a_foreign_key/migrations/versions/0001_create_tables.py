"""Create devices and tags"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("devices", sa.Column("id", sa.BigInteger(), primary_key=True))
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(50), nullable=False))


def downgrade():
    op.drop_table("tags")
    op.drop_table("devices")
