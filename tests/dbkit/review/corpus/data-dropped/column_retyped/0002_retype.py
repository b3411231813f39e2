"""elevation becomes an enum: dropped and added again (every value reset)"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql


def upgrade():
    source = postgresql.ENUM("FILE", "SERVICE", name="elevation_source")
    source.create(op.get_bind(), checkfirst=True)
    op.drop_column("users", "elevation")
    op.add_column("users", sa.Column("elevation", source, server_default="FILE",
                                     nullable=False))


def downgrade():
    op.drop_column("users", "elevation")


revision = "0002"
down_revision = "0001"
