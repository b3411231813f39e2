"""Tax categories per tenant"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("tax_categories", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("tenant_id", sa.Integer(), nullable=False),
                    sa.Column("slug", sa.String(40), nullable=False),
                    sa.Column("name", sa.String(100)),
                    sa.UniqueConstraint("tenant_id", "slug"))


def downgrade():
    op.drop_table("tax_categories")
