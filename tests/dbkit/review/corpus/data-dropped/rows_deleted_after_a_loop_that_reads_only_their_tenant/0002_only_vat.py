"""Only VAT is left: one per tenant, the others deleted (miguelenruiz1/miguelt 086)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    tenants = conn.execute(sa.text("SELECT DISTINCT tenant_id FROM tax_categories")).fetchall()
    for (tenant_id,) in tenants:  # reads each tenant, never a category's name or slug
        conn.execute(sa.text("INSERT INTO tax_categories (tenant_id, slug, name) VALUES (:t, 'vat', 'VAT') "
                             "ON CONFLICT (tenant_id, slug) DO NOTHING"), {"t": tenant_id})
    op.execute("DELETE FROM tax_categories WHERE slug <> 'vat'")


def downgrade():
    pass
