"""Drop cohort only where a setting says so (a test the reviewer cannot evaluate: a warning)"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute(
        """
        DO $$
        BEGIN
            RAISE NOTICE 'cleaning recruits';
            IF current_setting('app.legacy', true) = 'on' THEN
                ALTER TABLE recruits DROP COLUMN cohort;
            END IF;
        END $$;
        """
    )


def downgrade():
    op.execute("ALTER TABLE recruits ADD COLUMN cohort varchar(20)")
