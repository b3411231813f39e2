"""Drop the keys of carts to areas (med_backend_finally b673a0d79a26)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("carts", "area_id")  # one of two keys to areas, a role: lost
    op.drop_column("carts", "start_area_id")  # the other: lost


def downgrade():
    raise RuntimeError("not reversible")
