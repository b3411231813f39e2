"""A catalog snapshot in a TEMP table ON COMMIT DROP (SQL the reviewer cannot parse whole),
named by a module constant, dropped at the end of the upgrade"""
from alembic import op

revision = "0002"
down_revision = "0001"

_SNAPSHOT = "accounts_function_snapshot"
_FUNCTIONS = ("accounts_guard()", "accounts_valid(text)")


def _snapshot_sql():
    values = ", ".join("('" + name + "')" for name in _FUNCTIONS)
    return f"""
    CREATE TEMP TABLE {_SNAPSHOT} ON COMMIT DROP AS
    SELECT expected.signature, proc.oid
      FROM (VALUES {values}) AS expected(signature)
      JOIN pg_catalog.pg_proc AS proc
        ON proc.oid = pg_catalog.to_regprocedure(expected.signature)
    """


def upgrade():
    op.execute(_snapshot_sql())
    op.execute("CREATE OR REPLACE FUNCTION accounts_guard() RETURNS trigger LANGUAGE plpgsql "
                "AS $$ BEGIN RETURN NEW; END $$")
    op.execute(f"DROP TABLE {_SNAPSHOT};")


def downgrade():
    op.execute("DROP FUNCTION IF EXISTS accounts_guard()")
