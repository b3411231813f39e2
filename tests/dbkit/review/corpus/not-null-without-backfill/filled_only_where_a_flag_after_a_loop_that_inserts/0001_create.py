"""temples, some soft-deleted"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("temples", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(200)),
                    sa.Column("is_deleted", sa.Boolean, nullable=False, server_default="false"))


def downgrade():
    op.drop_table("temples")
