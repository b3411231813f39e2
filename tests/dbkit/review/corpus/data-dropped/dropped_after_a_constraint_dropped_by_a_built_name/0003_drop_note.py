from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("""
        DO $$
        DECLARE
            t TEXT := 'doctors';
        BEGIN
            EXECUTE 'UPDATE ' || quote_ident(t) || ' SET note = note';
        END $$;
    """)
    op.drop_column("doctors", "note")


def downgrade():
    pass
