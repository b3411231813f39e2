import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def _has_table(table_name):
    return sa.inspect(op.get_bind()).has_table(table_name)


def upgrade():
    for table_name in ("archive_a", "archive_b"):
        if _has_table(table_name):
            op.drop_table(table_name)
    for table_name in ("archive_c",):
        if _has_table("archive_a"):
            op.drop_table(table_name)


def downgrade():
    pass
