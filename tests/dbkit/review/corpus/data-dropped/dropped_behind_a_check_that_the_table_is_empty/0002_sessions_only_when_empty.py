"""Rework recruit_sessions, which the block assumes empty: it counts the rows after its drops
and raises if there are any, rolling the whole block back (nothing is lost). Its NOT NULL of
the new column stays an error: on a table with rows the upgrade fails, by the check."""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute(
        """
        DO $$
        DECLARE
            has_rows BIGINT;
        BEGIN
            IF EXISTS (SELECT 1 FROM information_schema.tables
                       WHERE table_name = 'recruit_sessions_v2') THEN
                RAISE NOTICE 'already reworked';
                RETURN;
            END IF;
            ALTER TABLE recruit_sessions ADD COLUMN IF NOT EXISTS cohort_id INTEGER;
            ALTER TABLE recruit_sessions DROP COLUMN IF EXISTS host;
            ALTER TABLE recruit_sessions DROP COLUMN IF EXISTS port;
            ALTER TABLE recruit_sessions DROP COLUMN IF EXISTS agent;
            SELECT count(*) FROM recruit_sessions INTO has_rows;
            IF has_rows > 0 THEN
                RAISE EXCEPTION 'recruit_sessions holds % rows: not reworked', has_rows;
            END IF;
            ALTER TABLE recruit_sessions ALTER COLUMN cohort_id SET NOT NULL;
        END $$;
        """
    )


def downgrade():
    op.execute("ALTER TABLE recruit_sessions DROP COLUMN cohort_id")
    op.execute("ALTER TABLE recruit_sessions ADD COLUMN host varchar(100), "
               "ADD COLUMN port integer, ADD COLUMN agent varchar(200)")
