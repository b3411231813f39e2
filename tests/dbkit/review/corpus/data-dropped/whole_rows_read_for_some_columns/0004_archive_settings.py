"""Whole rows handed on (a list of dicts inserted elsewhere): every column is carried"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    op.create_table("settings_archive", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("index_name", sa.String(100)), sa.Column("status", sa.String(20)))
    archive = sa.table("settings_archive", sa.column("id"), sa.column("index_name"),
                       sa.column("status"))
    rows = op.get_bind().execute(sa.text("SELECT * FROM search_settings")).fetchall()
    op.get_bind().execute(archive.insert(), [dict(row._mapping) for row in rows])


def downgrade():
    op.drop_table("settings_archive")
