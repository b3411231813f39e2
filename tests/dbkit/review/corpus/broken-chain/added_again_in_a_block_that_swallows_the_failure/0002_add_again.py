"""updated_at and cohort added again, each in a DO block with a handler"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
    DO $$ BEGIN
        ALTER TABLE rules ADD COLUMN updated_at TIMESTAMPTZ DEFAULT NOW();
    EXCEPTION WHEN duplicate_column THEN NULL; END $$;
    """)
    op.execute("""
    DO $$ BEGIN
        ALTER TABLE rules ADD COLUMN cohort VARCHAR(20);
    EXCEPTION WHEN undefined_table THEN RAISE NOTICE 'no rules'; END $$;
    """)


def downgrade():
    pass
