"""Drop leftovers of another program that once shared the database, if a database has them"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("DROP TABLE IF EXISTS badge_drafts CASCADE")
    op.execute("DROP TABLE IF EXISTS sync_journal CASCADE")
    op.execute("ALTER TABLE recruits DROP COLUMN IF EXISTS shoe_size")
    op.execute("DROP TABLE IF EXISTS legacy_notes")
    op.execute("DROP TABLE IF EXISTS badge_archive CASCADE")
    op.execute("ALTER TABLE recruits DROP COLUMN IF EXISTS nickname")


def downgrade():
    pass
