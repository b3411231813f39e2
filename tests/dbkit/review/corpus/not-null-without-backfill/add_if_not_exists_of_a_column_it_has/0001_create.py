"""Create responses, car_id NOT NULL"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("responses", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("car_id", sa.Integer, nullable=False), sa.Column("status", sa.Text))


def downgrade():
    op.drop_table("responses")
