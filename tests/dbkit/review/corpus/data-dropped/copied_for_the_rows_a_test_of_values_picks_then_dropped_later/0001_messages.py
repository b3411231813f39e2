"""create"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("messages", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("channel", sa.String(200), nullable=True))


def downgrade():
    op.drop_table("messages")
