"""recruits"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("recruits")
