"""Replace cohort by a foreign key, joined on the old value (warehouse's shape)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(100), nullable=False))
    op.execute("INSERT INTO cohorts (name) SELECT DISTINCT cohort FROM recruits")
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer(), nullable=True))
    op.execute(""" UPDATE recruits
            SET cohort_id = cohorts.id
            FROM cohorts
            WHERE recruits.cohort = cohorts.name
        """)
    op.drop_column("recruits", "cohort")


def downgrade():
    op.add_column("recruits", sa.Column("cohort", sa.String(100)))
    op.execute("UPDATE recruits SET cohort = c.name FROM cohorts c WHERE c.id = recruits.cohort_id")
    op.drop_column("recruits", "cohort_id")
    op.drop_table("cohorts")
