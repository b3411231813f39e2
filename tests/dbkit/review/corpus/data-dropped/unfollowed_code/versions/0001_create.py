"""Create recruits and cohorts"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("chatname", sa.String(100)), sa.Column("cohort", sa.String(20)),
                    sa.Column("status", sa.String(20)), sa.Column("id_number", sa.String(13)))
    op.create_table("mentors", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("status", sa.String(20)))


def downgrade():
    op.drop_table("mentors")
    op.drop_table("recruits")
