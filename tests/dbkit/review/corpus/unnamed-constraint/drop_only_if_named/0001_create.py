"""Create recruits and cohorts, each with a check on a small integer code"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("level", sa.Integer, sa.CheckConstraint("level IN (0, 1, 2)")))
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("status", sa.Integer),
                    sa.CheckConstraint("status IN (0, 1, 2)", name="recruits_status_check"))


def downgrade():
    op.drop_table("recruits")
    op.drop_table("cohorts")
