"""Deletes two seeded rows by their key; the downgrade inserts them back with op.bulk_insert"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

kinds = sa.table("detail_types", sa.column("code", sa.String), sa.column("label", sa.String))


def upgrade():
    op.execute("DELETE FROM detail_types WHERE code IN ('organism', 'host')")


def downgrade():
    op.bulk_insert(kinds, [{"code": "organism", "label": "organism name"},
                           {"code": "host", "label": "natural host"}])
