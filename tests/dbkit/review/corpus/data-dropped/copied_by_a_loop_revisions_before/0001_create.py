"""Create the tables"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("accesstoken", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("code", sa.Text), sa.Column("secret_code", sa.Text))
    op.create_table("incident", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("total_cost", sa.Integer))


def downgrade():
    op.drop_table("incident")
    op.drop_table("accesstoken")
