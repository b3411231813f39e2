"""Repair text timestamps, on whichever of these tables a database has"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
    DO $$
    DECLARE
        r record;
    BEGIN
        FOR r IN SELECT * FROM (VALUES ('recruits', 'joined_at'), ('badge_drafts', 'created_at'),
                                       ('sync_journal', 'synced_at')) AS t(tbl, col) LOOP
            IF EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_name = r.tbl AND column_name = r.col AND data_type = 'text') THEN
                EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE timestamptz USING %I::timestamptz',
                               r.tbl, r.col, r.col);
            END IF;
        END LOOP;
    END $$;
    """)


def downgrade():
    pass
