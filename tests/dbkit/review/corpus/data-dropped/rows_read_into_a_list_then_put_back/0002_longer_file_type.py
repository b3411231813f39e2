"""Rebuild samples with a longer file_type: every row read into a list, then put back"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

COLUMNS = ("id", "md5", "file_type")


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT %s FROM samples" % ", ".join(COLUMNS)))
    samples = []
    for row in rows:
        samples.append(dict(zip(COLUMNS, row)))

    op.rename_table("samples", "old_samples")
    op.drop_table("old_samples")
    table = op.create_table(
        "samples",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("md5", sa.String(32), nullable=False),
        sa.Column("file_type", sa.Text, nullable=False),
    )
    op.bulk_insert(table, samples)


def downgrade():
    op.alter_column("samples", "file_type", type_=sa.String(255))
