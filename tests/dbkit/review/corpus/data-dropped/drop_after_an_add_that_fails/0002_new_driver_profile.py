"""New driver profile (capacity, joined_at) replaces status; leave, shift and van rework"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("drivers", sa.Column("capacity", sa.Integer, nullable=False))
    op.add_column("drivers", sa.Column("joined_at", sa.DateTime, nullable=False))
    op.drop_column("drivers", "status")
    op.add_column("leaves", sa.Column("days", sa.Integer, nullable=False))
    op.execute("DELETE FROM leaves")
    op.add_column("shifts", sa.Column("starts_at", sa.DateTime, nullable=False))
    op.execute("DELETE FROM shifts WHERE kind = 'night'")
    op.add_column("vans", sa.Column("seats", sa.Integer, nullable=False, server_default="2"))
    op.drop_column("vans", "plate")


def downgrade():
    op.add_column("vans", sa.Column("plate", sa.String(16)))
    op.drop_column("vans", "seats")
    op.drop_column("shifts", "starts_at")
    op.drop_column("leaves", "days")
    op.add_column("drivers", sa.Column("status", sa.String(16)))
    op.drop_column("drivers", "joined_at")
    op.drop_column("drivers", "capacity")
