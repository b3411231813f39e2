"""Stamp who made and changed each row: the server default comes in **kwargs"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

# (column, nullable, server_default)
STAMPS = [
    ("created_by", False, "system"),
    ("created_by_id", True, None),
    ("updated_by", False, "system"),
]


def upgrade():
    for name, nullable, default in STAMPS:
        kwargs = {}
        if default is not None:
            kwargs["server_default"] = default  # PostgreSQL fills the rows there are with it
        op.add_column("recruits", sa.Column(name, sa.String(20), nullable=nullable, **kwargs))


def downgrade():
    for name, _, _ in reversed(STAMPS):
        op.drop_column("recruits", name)
