"""Filters become chips, written to run again on a database that has them already"""
import os

from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _table_exists(inspector, table_name):
    return table_name in inspector.get_table_names()


def upgrade():
    inspector = sa.inspect(op.get_bind())
    if _table_exists(inspector, "filters") and not _table_exists(inspector, "filter_chips"):
        op.rename_table("filters", "filter_chips")
        op.drop_column("filter_chips", "filter_type")
    if _table_exists(inspector, "filters") and not _table_exists(inspector, "filter_chips"):
        op.drop_column("filters", "label")
    if _table_exists(inspector, "filter_chips") and os.environ.get("DROP_POSITIONS"):
        op.drop_column("filter_chips", "position")


def downgrade():
    pass
