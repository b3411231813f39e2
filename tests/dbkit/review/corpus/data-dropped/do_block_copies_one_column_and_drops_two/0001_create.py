"""Create campaigns"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("campaigns", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("campaign_name", sa.Text), sa.Column("laboratory", sa.Text))


def downgrade():
    op.drop_table("campaigns")
