"""Create the tables"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("sessions", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("token", sa.Text))
    op.create_table("cache", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table("jobs", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("jobs")
    op.drop_table("cache")
    op.drop_table("sessions")
