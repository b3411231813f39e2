"""Create rse_protocols"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "rse_protocols",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("third_party_copy", sa.Integer()),
        sa.Column("third_party_copy_read", sa.Integer()),
        sa.Column("scheme", sa.String(32)),
    )


def downgrade():
    op.drop_table("rse_protocols")
