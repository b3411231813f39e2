"""UPDATE ... FROM another table, both names quoted by a helper (str.replace)"""
import os

from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"

_TABLE = "builds"


def _qualified(table):
    schema = (os.getenv("APP_DB_SCHEMA") or "app").replace('"', '""')
    relation = table.replace('"', '""')
    return f'"{schema}"."{relation}"'


def upgrade():
    op.add_column(_TABLE, sa.Column("manifest", sa.String(64)))
    op.execute(
        f"""
        UPDATE {_qualified(_TABLE)} AS build
           SET manifest = layout.manifest
          FROM {_qualified("layouts")} AS layout
         WHERE layout.artifact = build.artifact
        """
    )
    op.alter_column(_TABLE, "manifest", nullable=False)


def downgrade():
    op.drop_column(_TABLE, "manifest")
