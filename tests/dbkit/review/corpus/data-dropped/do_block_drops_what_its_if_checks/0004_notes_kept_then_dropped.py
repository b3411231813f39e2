"""Copy the notes aside, then drop them, in one DO block: kept, no finding"""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.execute(
        """
        DO $$
        BEGIN
            CREATE TABLE recruit_notes AS SELECT id, notes FROM recruits;
            ALTER TABLE recruits DROP COLUMN notes;
        END $$;
        """
    )


def downgrade():
    op.execute("ALTER TABLE recruits ADD COLUMN notes text")
