"""Reconcile runs with the models: add provider through a helper, drop the columns an older
chain made where they are there (no revision of this chain made source_mode or note), and
status, which 0001 made"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _columns(table_name):
    return {column["name"] for column in sa.inspect(op.get_bind()).get_columns(table_name)}


def _add_column(table_name, column):
    if column.name not in _columns(table_name):
        op.add_column(table_name, column)


def upgrade():
    _add_column("runs", sa.Column("provider", sa.String(50), nullable=True))
    for column in ("source_mode", "note"):
        if column in _columns("runs"):
            op.drop_column("runs", column)
    if "status" in _columns("runs"):
        op.drop_column("runs", "status")


def downgrade():
    op.add_column("runs", sa.Column("status", sa.String(20), nullable=True))
    op.drop_column("runs", "provider")
