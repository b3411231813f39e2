"""Link accounts to connections; flag the accounts with none as legacy, and as reviewed"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("accounts", sa.Column("connection_id", sa.Integer(),
                                        sa.ForeignKey("connections.id"), nullable=True))
    op.add_column("accounts", sa.Column("is_legacy", sa.Boolean(),
                                        server_default=sa.text("false"), nullable=False))
    op.add_column("accounts", sa.Column("reviewed", sa.Boolean(),
                                        server_default=sa.text("false"), nullable=False))
    op.execute("UPDATE accounts SET is_legacy = TRUE WHERE connection_id IS NULL")
    op.execute("UPDATE accounts SET reviewed = TRUE WHERE token IS NULL")
    op.execute("UPDATE accounts SET reviewed = FALSE WHERE id = 1")


def downgrade():
    op.drop_column("accounts", "reviewed")
    op.drop_column("accounts", "is_legacy")
    op.drop_column("accounts", "connection_id")
