"""A hard reset of the runtime (TesslateAI/Studio 0074)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    existing_tables = set(sa.inspect(op.get_bind()).get_table_names())
    if "install_attempts" in existing_tables:
        op.execute("DELETE FROM install_attempts")  # runs whenever there are rows: lost


def downgrade():
    pass
