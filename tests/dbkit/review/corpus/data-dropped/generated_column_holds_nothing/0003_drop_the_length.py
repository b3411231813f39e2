"""Nobody reads the length: drop the generated column"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("recruits", "chatname_chars")


def downgrade():
    op.add_column("recruits", sa.Column("chatname_chars", sa.Integer(),
                                        sa.Computed("char_length(chatname)")))
