"""orig_ctime moved into files, matched on path: path is no value lost (files.path holds
it), created_at is"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("files", sa.Column("orig_ctime", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE files SET orig_ctime = ("
        "SELECT orig_ctime FROM files_meta WHERE files_meta.path = files.path)"
    )
    op.drop_table("files_meta")


def downgrade():
    op.create_table(
        "files_meta",
        sa.Column("path", sa.String(), primary_key=True),
        sa.Column("orig_ctime", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=True),
    )
    op.drop_column("files", "orig_ctime")
