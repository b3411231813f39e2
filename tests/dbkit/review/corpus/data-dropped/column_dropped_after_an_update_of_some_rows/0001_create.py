"""Create families, requests, shops and orders"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("family", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("published_module_id", sa.Integer, nullable=True))
    op.create_table("request", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("family_id", sa.Integer))
    op.create_table("shop", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("region_id", sa.Integer))
    op.create_table("orders", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("shop_id", sa.Integer))


def downgrade():
    for table in ("orders", "shop", "request", "family"):
        op.drop_table(table)
