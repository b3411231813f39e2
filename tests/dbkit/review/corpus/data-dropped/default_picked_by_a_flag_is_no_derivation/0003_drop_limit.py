"""Drop the limits: each service's own value is gone (the CASE above was only a default)"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("services", "message_limit")
    op.drop_column("services", "tier")


def downgrade():
    op.add_column("services", sa.Column("tier", sa.Text(), nullable=True))
    op.add_column("services", sa.Column("message_limit", sa.BigInteger(), nullable=True))
