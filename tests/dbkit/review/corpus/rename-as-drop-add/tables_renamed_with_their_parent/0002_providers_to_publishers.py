"""Providers become publishers, as drops + creates (warehouse 0cb51a600b59's shape): the
link table's foreign key points at the parent renamed with it, so it is a rename too"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_table("oidc_provider_projects")
    op.drop_table("oidc_providers")
    op.create_table(
        "oidc_publishers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("issuer", sa.String(200), nullable=False),
    )
    op.create_table(
        "oidc_publisher_projects",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("oidc_publisher_id", sa.Integer(), nullable=False),
        sa.Column("project_name", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(["oidc_publisher_id"], ["oidc_publishers.id"]),
    )


def downgrade():
    op.rename_table("oidc_publisher_projects", "oidc_provider_projects")
    op.rename_table("oidc_publishers", "oidc_providers")
