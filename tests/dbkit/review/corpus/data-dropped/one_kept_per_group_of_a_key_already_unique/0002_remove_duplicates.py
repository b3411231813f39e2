"""Keep one row of each group: the index already makes (verse_id, word_id) unique, notes are not"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM verse_words WHERE id NOT IN (SELECT DISTINCT ON (verse_id, word_id) id "
               "FROM verse_words ORDER BY verse_id, word_id, count DESC)")
    op.execute("DELETE FROM verse_words WHERE id NOT IN "
               "(SELECT min(id) FROM verse_words GROUP BY verse_id, word_id)")
    op.execute("DELETE FROM notes WHERE id NOT IN (SELECT DISTINCT ON (recruit_id) id "
               "FROM notes ORDER BY recruit_id, id)")
    op.execute("DELETE FROM verse_words WHERE id NOT IN (SELECT DISTINCT ON (verse_id) id "
               "FROM verse_words ORDER BY verse_id, id)")


def downgrade():
    pass
