"""Create manifestblob"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("manifestblob", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("blob_index", sa.Integer))


def downgrade():
    op.drop_table("manifestblob")
