"""Form fields"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "form_fields",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("form", sa.String(20), nullable=False),
        sa.Column("identifier", sa.String(50), nullable=False),
    )


def downgrade():
    op.drop_table("form_fields")
