"""Leases cannot be backfilled: the revision refuses to run on rows (VFBiz 20260731_0022)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
        DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM runs WHERE run_key IS NOT NULL)
             OR EXISTS (SELECT 1 FROM results)
             OR EXISTS (SELECT 1 FROM bundles) THEN
            RAISE EXCEPTION 'rerun the evaluations: leases cannot be backfilled';
          END IF;
        END $$;
    """)
    op.add_column("results", sa.Column("lease_owner", sa.String(160), nullable=False))
    op.add_column("bundles", sa.Column("payload", sa.Text(), nullable=False))
    op.add_column("notes", sa.Column("author", sa.Text(), nullable=False))  # not checked: fails


def downgrade():
    op.drop_column("notes", "author")
    op.drop_column("bundles", "payload")
    op.drop_column("results", "lease_owner")
