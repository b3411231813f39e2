"""A baseline that changes audit_logs only on a database that has it (SupaCRM 542f89e1892a)"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def _table_exists(name):
    return sa.inspect(op.get_bind()).has_table(name, schema="public")


def upgrade():
    if not _table_exists("audit_logs"):
        return  # a fresh database: nothing to do
    op.alter_column("audit_logs", "tenant_id", type_=sa.String(64))


def downgrade():
    pass
