"""Create user and item"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("user", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("email", sa.String(255)))
    op.create_table("item", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("owner_id", sa.Integer(), sa.ForeignKey("user.id"), nullable=False))


def downgrade():
    op.drop_table("item")
    op.drop_table("user")
