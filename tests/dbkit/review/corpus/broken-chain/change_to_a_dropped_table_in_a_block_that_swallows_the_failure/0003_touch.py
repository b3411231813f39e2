"""a note on rules and drafts, where they still are"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("""
    DO $$ BEGIN
        ALTER TABLE rules ADD COLUMN note TEXT;
    EXCEPTION WHEN undefined_table THEN NULL; END $$;
    """)
    op.execute("""
    DO $$ BEGIN
        ALTER TABLE drafts ADD COLUMN note TEXT;
    EXCEPTION WHEN duplicate_column THEN NULL; END $$;
    """)


def downgrade():
    pass
