"""A lookup table the chain makes and seeds with op.bulk_insert"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    kinds = op.create_table("detail_types", sa.Column("code", sa.String(40), primary_key=True),
                            sa.Column("label", sa.String(200), nullable=True))
    op.bulk_insert(kinds, [{"code": "organism", "label": "organism name"},
                           {"code": "host", "label": "natural host"}])


def downgrade():
    op.drop_table("detail_types")
