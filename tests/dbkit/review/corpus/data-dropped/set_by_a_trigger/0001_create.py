"""Create accounts"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("accounts", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("username", sa.Text), sa.Column("uid", sa.Text),
                    sa.Column("handle", sa.Text))


def downgrade():
    op.drop_table("accounts")
