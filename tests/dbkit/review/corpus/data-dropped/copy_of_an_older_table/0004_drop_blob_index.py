"""Drop blob_index of the new manifestblob"""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.drop_column("manifestblob", "blob_index")


def downgrade():
    pass
