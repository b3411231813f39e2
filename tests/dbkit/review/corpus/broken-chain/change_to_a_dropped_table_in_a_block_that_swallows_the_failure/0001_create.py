"""rules"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("rules", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table("drafts", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("drafts")
    op.drop_table("rules")
