"""Fill third_party_copy_read from third_party_copy, on the schema of the version table (rucio fe1a65b176c9)"""
from alembic import context
from alembic.op import execute

revision = "0002"
down_revision = "0001"


def upgrade():
    schema = context.get_context().version_table_schema
    schema_prefix = schema + "." if schema else ""
    execute("UPDATE " + schema_prefix + "rse_protocols SET third_party_copy_read=third_party_copy "
            "WHERE third_party_copy_read is NULL")


def downgrade():
    pass
