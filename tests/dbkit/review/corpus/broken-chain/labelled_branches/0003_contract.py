"""The contract branch, its own base"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = None


branch_labels = ("contract",)
depends_on = "0002"


def upgrade():
    op.create_table("audit", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("audit")
