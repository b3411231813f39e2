"""Create samples and reports"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "samples",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("md5", sa.String(32), nullable=False),
        sa.Column("file_type", sa.String(255), nullable=False),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("body", sa.String(255)),
    )


def downgrade():
    op.drop_table("reports")
    op.drop_table("samples")
