"""Drop the copy a failed batch left, and the old notes"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_table("_alembic_tmp_customers")
    op.drop_table("notes")


def downgrade():
    pass
