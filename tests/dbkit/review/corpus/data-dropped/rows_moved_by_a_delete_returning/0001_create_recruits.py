"""Create recruits and the applicants waiting to become recruits"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("chatname", sa.Text))
    op.create_table("applicants", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("chatname", sa.Text))


def downgrade():
    op.drop_table("applicants")
    op.drop_table("recruits")
