"""Create recruits and a materialized view of them per cohort"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import text

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cohort", sa.String(20), nullable=False),
    )
    conn = op.get_bind()
    conn.execute(text("""
        CREATE MATERIALIZED VIEW recruits_per_cohort AS
        SELECT cohort, count(*) AS recruits FROM recruits GROUP BY cohort"""))


def downgrade():
    op.execute("DROP MATERIALIZED VIEW recruits_per_cohort")
    op.drop_table("recruits")
