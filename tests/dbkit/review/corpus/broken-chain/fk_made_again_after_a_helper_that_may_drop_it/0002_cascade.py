"""The link cascades: every foreign key on the column is dropped by introspection (names
vary across deployments), then made again"""
from alembic import op

revision = "0002"
down_revision = "0001"


def _drop_fks_on_column(table, column):
    op.execute(f"""
        DO $$
        DECLARE c text;
        BEGIN
            FOR c IN SELECT con.conname FROM pg_constraint con
                     JOIN pg_class rel ON rel.oid = con.conrelid
                     JOIN pg_attribute att ON att.attrelid = rel.oid
                          AND att.attnum = ANY(con.conkey)
                     WHERE rel.relname = '{table}' AND con.contype = 'f'
                       AND att.attname = '{column}'
            LOOP
                EXECUTE format('ALTER TABLE "{table}" DROP CONSTRAINT %I', c);
            END LOOP;
        END $$;
    """)


def upgrade():
    _drop_fks_on_column("recruits", "cohort_id")
    op.create_foreign_key("recruits_cohort_id_fkey", "recruits", "cohorts",
                          ["cohort_id"], ["id"], ondelete="CASCADE")


def downgrade():
    pass
