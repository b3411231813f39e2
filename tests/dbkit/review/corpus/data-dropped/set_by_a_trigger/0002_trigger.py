"""Keep uid computed from username by a trigger; handle is only checked, never set"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
        CREATE FUNCTION accounts_uid() RETURNS trigger AS $$
        BEGIN
            NEW.uid := lower(replace(NEW.username, '.', ''));
            IF NEW.handle = '' THEN RAISE EXCEPTION 'empty handle'; END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql
    """)
    op.execute("CREATE TRIGGER accounts_uid BEFORE INSERT OR UPDATE ON accounts "
               "FOR EACH ROW EXECUTE FUNCTION accounts_uid()")


def downgrade():
    op.execute("DROP TRIGGER accounts_uid ON accounts")
    op.execute("DROP FUNCTION accounts_uid()")
