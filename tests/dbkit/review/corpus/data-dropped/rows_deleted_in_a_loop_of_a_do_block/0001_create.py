"""Create cohorts and recruits"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(50)))
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("cohort_id", sa.Integer()), sa.Column("chatname", sa.String(100)))


def downgrade():
    op.drop_table("recruits")
    op.drop_table("cohorts")
