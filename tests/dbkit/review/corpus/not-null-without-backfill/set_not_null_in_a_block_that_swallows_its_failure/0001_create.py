"""employees, with a nullable number"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "employees",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(20), nullable=True),
        sa.Column("badge", sa.String(20), nullable=True),
        sa.Column("desk", sa.String(20), nullable=True),
        sa.Column("legacy_code", sa.String(20), nullable=True),
    )


def downgrade():
    op.drop_table("employees")
