"""Copy volume_specs into share_specs through a table whose name is computed, then drop it"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.sql import table

revision = "0002"
down_revision = "0001"


def upgrade():
    specs = op.create_table("share_specs", sa.Column("id", sa.Integer, primary_key=True),
                            sa.Column("key", sa.Text))
    _copy(specs, up=True)
    op.drop_table("volume_specs")


def _copy(destination, up=True):
    source = ("volume", "share")[0 if up else 1]
    old = table(source + "_specs", sa.column("id"), sa.column("key"))
    rows = [{"id": row.id, "key": row.key} for row in op.get_bind().execute(old.select())]
    op.bulk_insert(destination, rows)


def downgrade():
    op.drop_table("share_specs")
