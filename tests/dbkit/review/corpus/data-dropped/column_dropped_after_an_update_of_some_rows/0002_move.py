"""Point requests at a module, orders at a region"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("request", sa.Column("module_id", sa.Integer, nullable=True))
    op.execute("""
        UPDATE request SET module_id = f.published_module_id
        FROM family f
        WHERE f.id = request.family_id AND f.published_module_id IS NOT NULL
    """)
    op.drop_column("request", "family_id")
    op.add_column("orders", sa.Column("region_id", sa.Integer, nullable=True))
    op.execute("""
        UPDATE orders SET region_id = s.region_id FROM shop s WHERE s.id = orders.shop_id
    """)
    op.drop_column("orders", "shop_id")


def downgrade():
    pass
