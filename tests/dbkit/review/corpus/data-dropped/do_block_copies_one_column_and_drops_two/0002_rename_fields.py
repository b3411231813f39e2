"""One DO block: name from campaign_name, laboratory dropped"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
        DO $$
        BEGIN
            ALTER TABLE campaigns ADD COLUMN name TEXT;
            UPDATE campaigns SET name = campaign_name;
            ALTER TABLE campaigns DROP COLUMN campaign_name;
            ALTER TABLE campaigns DROP COLUMN laboratory;
        END $$;
    """)


def downgrade():
    pass
