"""climbing lines"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("lines", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("wall", sa.Boolean))


def downgrade():
    op.drop_table("lines")
