"""Create the index of words per verse, unique on (verse_id, word_id) by an index, and notes"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "verse_words",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("verse_id", sa.Integer(), nullable=False),
        sa.Column("word_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
    )
    op.create_index("ix_verse_words_unique", "verse_words", ["verse_id", "word_id"], unique=True)
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recruit_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
    )


def downgrade():
    op.drop_table("notes")
    op.drop_table("verse_words")
