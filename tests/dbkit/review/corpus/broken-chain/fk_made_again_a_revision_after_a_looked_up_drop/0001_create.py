"""Create cohorts and recruits, linked by a named key"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("cohort_id", sa.Integer()))
    op.create_foreign_key("fk_recruits_cohort_id_cohorts", "recruits", "cohorts", ["cohort_id"], ["id"])


def downgrade():
    op.drop_table("recruits")
    op.drop_table("cohorts")
