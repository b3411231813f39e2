"""Drop sectors where an older schema left it (YorTrade 0006)"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import inspect


revision = "0002"
down_revision = "0001"


def _has_table(inspector, table_name: str) -> bool:
    return table_name in inspector.get_table_names()


def upgrade():
    inspector = inspect(op.get_bind())
    if _has_table(inspector, "sectors"):
        op.drop_table("sectors")


def downgrade():
    inspector = inspect(op.get_bind())
    if not _has_table(inspector, "sectors"):
        op.create_table("sectors", sa.Column("id", sa.Integer(), primary_key=True),
                        sa.Column("name", sa.String(), nullable=False))
