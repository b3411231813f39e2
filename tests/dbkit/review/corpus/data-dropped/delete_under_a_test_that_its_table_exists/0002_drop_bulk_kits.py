"""bulk products are no kits: their component rows go"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    bind = op.get_bind()
    tables = set(sa.inspect(bind).get_table_names())
    if "kit_components" in tables:
        bind.execute(sa.text("DELETE FROM kit_components WHERE kit_id IN (SELECT id FROM bulk_products)"))


def downgrade():
    pass
