from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
        DO $$
        DECLARE
            r RECORD;
        BEGIN
            SELECT tc.constraint_name INTO r
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu
                ON tc.constraint_name = kcu.constraint_name
            WHERE tc.table_name = 'doctors' AND tc.constraint_type = 'FOREIGN KEY'
              AND kcu.column_name = 'import_log_id'
            LIMIT 1;
            IF FOUND THEN
                EXECUTE 'ALTER TABLE doctors DROP CONSTRAINT ' || quote_ident(r.constraint_name);
            END IF;
        END $$;
    """)
    op.drop_column("doctors", "import_log_id")


def downgrade():
    pass
