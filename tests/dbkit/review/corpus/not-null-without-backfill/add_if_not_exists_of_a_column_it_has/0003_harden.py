"""Make car_id and status NOT NULL"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("ALTER TABLE responses ALTER COLUMN car_id SET NOT NULL")
    op.execute("ALTER TABLE responses ALTER COLUMN status SET NOT NULL")


def downgrade():
    op.execute("ALTER TABLE responses ALTER COLUMN status DROP NOT NULL")
