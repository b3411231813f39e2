"""Limits become optional; going back, a service without one gets the default of its kind"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.alter_column("services", "message_limit", existing_type=sa.BigInteger(), nullable=True)


def downgrade():
    op.execute("UPDATE services SET message_limit = (CASE restricted WHEN true THEN 50 "
               "ELSE 250000 END) WHERE message_limit IS NULL")
    op.alter_column("services", "message_limit", existing_type=sa.BigInteger(), nullable=False)
