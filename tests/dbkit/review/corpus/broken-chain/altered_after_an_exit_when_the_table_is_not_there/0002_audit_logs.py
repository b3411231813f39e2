"""The audit log"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("audit_logs", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("tenant_id", sa.String(64)))


def downgrade():
    op.drop_table("audit_logs")
