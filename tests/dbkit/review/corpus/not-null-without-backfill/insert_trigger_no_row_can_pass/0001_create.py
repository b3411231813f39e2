"""Create notes and cohorts, each with a trigger that fills its search vector; the notes
trigger reads NEW.title, a column notes does not have yet: every INSERT into notes fails"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("notes", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("body", sa.Text(), nullable=True),
                    sa.Column("search_vector", postgresql.TSVECTOR(), nullable=True))
    op.create_table("cohorts", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(100), nullable=True),
                    sa.Column("search_vector", postgresql.TSVECTOR(), nullable=True))
    op.execute("""
        CREATE FUNCTION notes_search_update() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector := to_tsvector('english', COALESCE(NEW.title, '') || ' ' || COALESCE(NEW.body, ''));
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER notes_search_trigger BEFORE INSERT OR UPDATE ON notes
        FOR EACH ROW EXECUTE FUNCTION notes_search_update();

        CREATE FUNCTION cohorts_search_update() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector := to_tsvector('english', COALESCE(NEW.name, ''));
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER cohorts_search_trigger BEFORE INSERT OR UPDATE ON cohorts
        FOR EACH ROW EXECUTE FUNCTION cohorts_search_update();
    """)


def downgrade():
    op.execute("DROP TRIGGER cohorts_search_trigger ON cohorts")
    op.execute("DROP FUNCTION cohorts_search_update()")
    op.execute("DROP TRIGGER notes_search_trigger ON notes")
    op.execute("DROP FUNCTION notes_search_update()")
    op.drop_table("cohorts")
    op.drop_table("notes")
