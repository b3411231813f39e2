"""core tables"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("tenants", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("status", sa.String(20), nullable=False))
    op.create_index("ix_tenants_status", "tenants", ["status"])
    op.create_table("keep_me", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("keep_me")
    op.drop_index("ix_tenants_status", table_name="tenants")
    op.drop_table("tenants")
