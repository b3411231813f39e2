"""Limits become optional; going back, a service without one gets the default of its kind.
Every service's tier is its kind, computed from the flag for every row."""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.alter_column("services", "message_limit", existing_type=sa.BigInteger(), nullable=True)
    op.execute("UPDATE services SET tier = CASE WHEN restricted THEN 'trial' ELSE 'live' END")


def downgrade():
    op.execute("UPDATE services SET message_limit = (CASE restricted WHEN true THEN 50 "
               "ELSE 250000 END) WHERE message_limit IS NULL")
    op.alter_column("services", "message_limit", existing_type=sa.BigInteger(), nullable=False)
