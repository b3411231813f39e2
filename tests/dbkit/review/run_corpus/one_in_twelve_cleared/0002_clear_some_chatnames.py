"""Clear the chatname of one recruit in twelve: a few values lost, most kept in place"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.alter_column("recruits", "chatname", existing_type=sa.String(100), nullable=True)
    op.execute("UPDATE recruits SET chatname = NULL WHERE id % 12 = 0")


def downgrade():
    pass
