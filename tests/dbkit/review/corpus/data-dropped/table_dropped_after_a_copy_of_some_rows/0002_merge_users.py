"""One users table: admins copied only where they have a tenant (the others are lost),
people whose name IS NOT NULL (every one: name is NOT NULL), active staff (the others are
deleted first), and the two halves of the ledger (together, every row)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(120), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=True),
    )
    op.execute("INSERT INTO users (id, email, tenant_id) "
               "SELECT a.id, a.email, a.tenant_id FROM admins a WHERE a.tenant_id IS NOT NULL")
    op.execute("INSERT INTO users (id, email) SELECT p.id, p.name FROM people p "
               "WHERE p.name IS NOT NULL")
    op.execute("DELETE FROM staff WHERE NOT active")
    op.execute("INSERT INTO users (id, email) SELECT id, email FROM staff WHERE active")
    for name in ("debits", "credits"):
        op.create_table(name, sa.Column("id", sa.Integer(), primary_key=True),
                        sa.Column("kind", sa.String(20), nullable=False),
                        sa.Column("amount", sa.Integer(), nullable=True))
    op.execute("INSERT INTO debits SELECT id, kind, amount FROM ledger WHERE kind = 'debit'")
    op.execute("INSERT INTO credits SELECT id, kind, amount FROM ledger WHERE kind <> 'debit'")
    op.execute("""
        DO $$
        DECLARE r record;
        BEGIN
            FOR r IN
                SELECT conname, conrelid::regclass::text AS tbl FROM pg_constraint
                WHERE contype = 'f' AND confrelid = 'admins'::regclass
            LOOP
                EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
            END LOOP;
        END $$;
    """)
    op.execute("DROP TABLE IF EXISTS admins CASCADE")
    op.drop_table("people")
    op.drop_table("staff")
    op.drop_table("ledger")


def downgrade():
    raise RuntimeError("not reversible")
