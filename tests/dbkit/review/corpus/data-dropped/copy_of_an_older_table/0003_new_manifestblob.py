"""A new manifestblob, then its blob_index dropped: the archive holds the old table's rows"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_table("manifestblob", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("blob_index", sa.Integer))
    op.execute("INSERT INTO manifestblob (id, blob_index) VALUES (1, 0)")


def downgrade():
    op.drop_table("manifestblob")
