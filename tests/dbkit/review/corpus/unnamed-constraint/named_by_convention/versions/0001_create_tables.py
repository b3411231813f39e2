"""Create cohorts and recruits"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("email", sa.String(254)), sa.Column("cohort_id", sa.Integer))


def downgrade():
    op.drop_table("recruits")
    op.drop_table("cohorts")
