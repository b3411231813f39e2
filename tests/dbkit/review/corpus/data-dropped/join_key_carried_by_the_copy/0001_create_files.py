"""Create files and files_meta, one row of meta per file path"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("files", sa.Column("path", sa.String(), primary_key=True))
    op.create_table(
        "files_meta",
        sa.Column("path", sa.String(), primary_key=True),
        sa.Column("orig_ctime", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=True),
    )


def downgrade():
    op.drop_table("files_meta")
    op.drop_table("files")
