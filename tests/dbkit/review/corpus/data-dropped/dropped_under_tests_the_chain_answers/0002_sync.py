"""Bring a database made before the chain in line: tests only the chain answers"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import inspect

revision = "0002"
down_revision = "0001"


def _has_table(inspector, table_name):
    return table_name in inspector.get_table_names()


def _column_names(inspector, table_name):
    if not _has_table(inspector, table_name):
        return set()
    return {column["name"] for column in inspector.get_columns(table_name)}


def upgrade():
    inspector = inspect(op.get_bind())
    deal_columns = _column_names(inspector, "deals")
    if "user_id" in deal_columns and "player_id" not in deal_columns:
        op.drop_table("deals")
        op.create_table("deals", sa.Column("id", sa.Integer(), primary_key=True),
                        sa.Column("player_id", sa.Integer(), nullable=False))
    asset_columns = _column_names(inspector, "assets")
    if "sector_id" in asset_columns:
        op.drop_column("assets", "sector_id")
    if _has_table(inspector, "sectors"):
        op.drop_table("sectors")
    if "name" in asset_columns and "label" not in asset_columns:
        op.drop_column("assets", "name")


def downgrade():
    op.add_column("assets", sa.Column("name", sa.String(50), nullable=True))
