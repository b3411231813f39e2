"""drop the columns the job cache holds now, where a database still has them (dali_job 0012)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def _column_exists(table_name, column_name):
    inspector = sa.inspect(op.get_bind())
    return column_name in {c["name"] for c in inspector.get_columns(table_name)}


def upgrade():
    for column_name in ("title", "saved_at"):
        if _column_exists("saved_jobs", column_name):
            op.drop_column("saved_jobs", column_name)


def downgrade():
    op.add_column("saved_jobs", sa.Column("title", sa.Text))
