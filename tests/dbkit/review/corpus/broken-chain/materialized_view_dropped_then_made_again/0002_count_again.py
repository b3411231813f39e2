"""The view made again with one more column: dropped first, in the same SQL"""
from alembic import op
from sqlalchemy import text

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    conn.execute(text("""
        DROP MATERIALIZED VIEW IF EXISTS recruits_per_cohort;
        CREATE MATERIALIZED VIEW recruits_per_cohort AS
        SELECT cohort, count(*) AS recruits, max(id) AS last_id FROM recruits GROUP BY cohort"""))


def downgrade():
    conn = op.get_bind()
    conn.execute(text("""
        DROP MATERIALIZED VIEW IF EXISTS recruits_per_cohort;
        CREATE MATERIALIZED VIEW recruits_per_cohort AS
        SELECT cohort, count(*) AS recruits FROM recruits GROUP BY cohort"""))
