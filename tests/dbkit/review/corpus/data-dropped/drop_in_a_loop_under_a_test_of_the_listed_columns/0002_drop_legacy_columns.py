"""drop the legacy columns where a database still has them (widget.xenoai f2a4d1c7b9e0)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    inspector = sa.inspect(op.get_bind())
    table_name = "saved_jobs"
    existing_columns = {column["name"] for column in inspector.get_columns(table_name)}
    for column_name in ["title", "saved_at"]:
        if column_name in existing_columns:
            op.drop_column(table_name, column_name)


def downgrade():
    op.add_column("saved_jobs", sa.Column("title", sa.Text))
