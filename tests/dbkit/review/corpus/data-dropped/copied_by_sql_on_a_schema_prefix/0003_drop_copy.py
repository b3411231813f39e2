"""Drop third_party_copy (kept in third_party_copy_read) and scheme (kept nowhere)"""
from alembic import context
from alembic.op import drop_column

revision = "0003"
down_revision = "0002"


def upgrade():
    schema = context.get_context().version_table_schema + "." if context.get_context().version_table_schema else ""
    drop_column("rse_protocols", "third_party_copy")
    drop_column("rse_protocols", "scheme")
    execute_later = "ALTER TABLE %srse_protocols DROP COLUMN id" % schema
    del execute_later


def downgrade():
    pass
