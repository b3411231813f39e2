"""Drop the legacy flag and the review flag"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("accounts", "is_legacy")
    op.drop_column("accounts", "reviewed")


def downgrade():
    op.add_column("accounts", sa.Column("reviewed", sa.Boolean(),
                                        server_default=sa.text("false"), nullable=False))
    op.add_column("accounts", sa.Column("is_legacy", sa.Boolean(),
                                        server_default=sa.text("false"), nullable=False))
