"""create"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(50), nullable=False),
                    sa.Column("deleted_at", sa.DateTime(), nullable=True))


def downgrade():
    op.drop_table("tags")
