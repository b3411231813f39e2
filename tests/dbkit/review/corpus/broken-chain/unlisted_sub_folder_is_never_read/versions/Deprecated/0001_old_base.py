"""A retired chain kept for reference (CAPEv2's versions/Deprecated/): its first revision"""
from alembic import op
import sqlalchemy as sa

revision = "old00001"
down_revision = None


def upgrade():
    op.create_table("guests", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("label", sa.String(255)))


def downgrade():
    op.drop_table("guests")
