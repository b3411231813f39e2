"""Keep the old foreign key under another name while the new one is made"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute('ALTER TABLE "recruits" RENAME CONSTRAINT "recruits_cohort_id_fkey" '
               'TO "recruits_old_cohort_id_fkey"')


def downgrade():
    op.execute('ALTER TABLE "recruits" RENAME CONSTRAINT "recruits_old_cohort_id_fkey" '
               'TO "recruits_cohort_id_fkey"')
