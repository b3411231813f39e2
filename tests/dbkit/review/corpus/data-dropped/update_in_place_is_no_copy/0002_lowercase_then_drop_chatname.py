"""Lower-case chatname, then drop it: updated in place, its values are kept nowhere"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("UPDATE recruits SET chatname = lower(chatname)")
    op.drop_column("recruits", "chatname")


def downgrade():
    op.add_column("recruits", sa.Column("chatname", sa.String(100), nullable=True))
