"""Create cohorts, mentors and recruits (a recruit names its cohort by code)"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("code", sa.String(10), unique=True))
    op.create_table("mentors", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("cohort_id", sa.Integer, sa.ForeignKey("cohorts.id")),
                    sa.Column("name", sa.Text), sa.Column("id_number", sa.String(13)))
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("cohort_code", sa.String(10)), sa.Column("chatname", sa.Text),
                    sa.Column("id_number", sa.String(13)))


def downgrade():
    op.drop_table("recruits")
    op.drop_table("mentors")
    op.drop_table("cohorts")
