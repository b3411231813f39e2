"""Create custom_forms, soft-deleted by a deleted_at timestamp"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "custom_forms",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("field_identifier", sa.String(100), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade():
    op.drop_table("custom_forms")
