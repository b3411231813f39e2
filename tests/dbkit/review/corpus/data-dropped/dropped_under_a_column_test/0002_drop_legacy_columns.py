"""Drop the legacy gateway column where some databases still have it, and the label"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def _has_column(table_name: str, column_name: str) -> bool:
    inspector = sa.inspect(op.get_bind())
    return any(col["name"] == column_name for col in inspector.get_columns(table_name))


def upgrade():
    if _has_column("subnets", "gateway"):
        op.drop_column("subnets", "gateway")
    inspector = sa.inspect(op.get_bind())
    if "label" in [c["name"] for c in inspector.get_columns("subnets")]:
        op.drop_column("subnets", "label")
    cols = {c["name"] for c in inspector.get_columns("subnets")}
    if "legacy_flag" in cols:
        op.drop_column("subnets", "legacy_flag")
    if "cidr" in cols:
        op.drop_column("subnets", "cidr")


def downgrade():
    if not _has_column("subnets", "label"):
        op.add_column("subnets", sa.Column("label", sa.String(50), nullable=True))
