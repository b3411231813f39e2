"""clean break: drop every public table but two, then make the schema again"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute(
        """
        DO $$
        DECLARE row record;
        BEGIN
          FOR row IN
            SELECT tablename AS object_name FROM pg_tables
            WHERE schemaname = 'public' AND tablename NOT IN ('alembic_version', 'keep_me')
          LOOP
            EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', row.object_name);
          END LOOP;
        END $$;
        """
    )
    op.create_table("tenants", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("status", sa.String(20), nullable=False))
    op.create_index("ix_tenants_status", "tenants", ["status"])
    op.create_table("keep_me", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("keep_me")
    op.drop_index("ix_tenants_status", table_name="tenants")
    op.drop_table("tenants")
