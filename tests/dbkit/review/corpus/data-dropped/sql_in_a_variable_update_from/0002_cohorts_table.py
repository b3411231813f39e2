"""Move cohorts into their own table"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


MOVE = """
    UPDATE recruits r SET cohort_id = c.id
    FROM cohorts c WHERE c.name = r.cohort
"""


def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(100), nullable=False))
    op.execute("INSERT INTO cohorts (name) SELECT DISTINCT cohort FROM recruits "
               "WHERE cohort IS NOT NULL")
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer(), nullable=True))
    op.execute(sa.text(MOVE))
    op.drop_column("recruits", "cohort")


def downgrade():
    op.add_column("recruits", sa.Column("cohort", sa.String(100)))
    op.execute("UPDATE recruits r SET cohort = c.name FROM cohorts c WHERE c.id = r.cohort_id")
    op.drop_column("recruits", "cohort_id")
    op.drop_table("cohorts")
