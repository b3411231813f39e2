"""Keep the keys of the secret rows in a registry, then drop the flags"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("secret_entities", sa.Column("entity_id", sa.Integer(), nullable=False),
                    sa.Column("entity_type", sa.Text(), nullable=False))
    op.execute("""
        INSERT INTO secret_entities (entity_id, entity_type)
        SELECT id, 'Crag' FROM crags WHERE secret IS TRUE
        UNION ALL
        SELECT s.id, 'Sector' FROM sectors s WHERE s.secret = true
        """)
    op.execute("INSERT INTO secret_entities (entity_id, entity_type) "
               "SELECT a.id, 'Area' FROM areas AS a WHERE a.secret")
    # the names of the secret lines only: which line was secret is not kept
    op.execute("INSERT INTO secret_entities (entity_id, entity_type) "
               "SELECT 0, name FROM lines WHERE secret IS TRUE")
    # the rows whose flag is NULL: TRUE and FALSE are no longer told apart
    op.execute("INSERT INTO secret_entities (entity_id, entity_type) "
               "SELECT id, 'Note' FROM notes WHERE secret IS UNKNOWN")
    # EXCEPT takes rows away: no copy of the flag
    op.execute("""
        INSERT INTO secret_entities (entity_id, entity_type)
        SELECT id, 'Post' FROM posts WHERE secret IS TRUE
        EXCEPT
        SELECT id, 'Post' FROM walls WHERE secret IS TRUE
        """)
    # a test of another column too: only some secret walls are kept
    op.execute("INSERT INTO secret_entities (entity_id, entity_type) "
               "SELECT id, 'Wall' FROM walls WHERE secret IS TRUE AND name <> 'x'")
    op.drop_column("crags", "secret")  # kept: the registry holds the keys of the TRUE rows
    op.drop_column("sectors", "secret")  # kept
    op.drop_column("areas", "secret")  # kept
    op.drop_column("lines", "secret")  # lost
    op.drop_column("notes", "secret")  # lost
    op.drop_column("posts", "secret")  # lost
    op.drop_column("walls", "secret")  # lost: the secret walls named x


def downgrade():
    raise RuntimeError("not reversible")
