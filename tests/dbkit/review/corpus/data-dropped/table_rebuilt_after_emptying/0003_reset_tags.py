"""The tags reset to one default (an UPDATE of the new rows brings no old row back): the old
labels are gone"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("DELETE FROM tags")
    op.execute("INSERT INTO tags (label) VALUES ('new')")
    op.execute("UPDATE tags SET label = recruits.cohort FROM recruits WHERE recruits.id = tags.id")


def downgrade():
    pass
