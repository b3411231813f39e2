"""Create notifications with a text status"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("notifications", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("status", sa.Text))


def downgrade():
    op.drop_table("notifications")
