"""Drop chatname in a DO block, if the column is there (it is: its values are lost)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute(
        """
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_name = 'recruits' AND column_name = 'chatname') THEN
                ALTER TABLE recruits DROP COLUMN chatname;
            END IF;
        END $$;
        """
    )


def downgrade():
    op.execute("ALTER TABLE recruits ADD COLUMN chatname varchar(50)")
