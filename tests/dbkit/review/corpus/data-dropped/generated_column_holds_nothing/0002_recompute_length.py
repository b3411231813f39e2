"""Compute the length in characters: the generated column is dropped and made again"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    chars = sa.Computed("char_length(chatname)")  # bound to a name, as tacker does
    op.drop_column("recruits", "chatname_len")
    op.add_column("recruits", sa.Column("chatname_chars", sa.Integer(), chars))


def downgrade():
    op.drop_column("recruits", "chatname_chars")
    op.add_column("recruits", sa.Column("chatname_len", sa.Integer(),
                                        sa.Computed("length(chatname)")))
