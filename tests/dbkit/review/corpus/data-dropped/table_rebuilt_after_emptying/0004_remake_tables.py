"""cohort_counts dropped and made again, filled from recruits (a rebuild); tags dropped and made
again empty (the labels are gone)"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.drop_table("cohort_counts")
    op.create_table("cohort_counts", sa.Column("cohort", sa.Text, primary_key=True),
                    sa.Column("recruits", sa.BigInteger))
    op.execute("INSERT INTO cohort_counts (cohort, recruits) "
               "SELECT cohort, count(*) FROM recruits GROUP BY cohort")
    op.drop_table("tags")
    op.create_table("tags", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("label", sa.Text, nullable=False))


def downgrade():
    pass
