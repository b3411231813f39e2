"""Create services, with a flag, and their permissions"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "services",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("can_send_letters", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "service_permissions",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("permission", sa.Text(), nullable=False),
    )


def downgrade():
    op.drop_table("service_permissions")
    op.drop_table("services")
