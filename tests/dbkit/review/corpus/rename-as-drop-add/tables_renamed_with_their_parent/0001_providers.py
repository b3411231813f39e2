"""OIDC providers and the projects each may publish"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "oidc_providers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("issuer", sa.String(200), nullable=False),
    )
    op.create_table(
        "oidc_provider_projects",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("oidc_provider_id", sa.Integer(), nullable=False),
        sa.Column("project_name", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(["oidc_provider_id"], ["oidc_providers.id"]),
    )


def downgrade():
    op.drop_table("oidc_provider_projects")
    op.drop_table("oidc_providers")
