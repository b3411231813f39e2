"""Create users and users_private"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("mail", sa.String(100)), sa.Column("proxy", sa.Boolean))
    op.create_table("users_private", sa.Column("user_id", sa.Integer, primary_key=True),
                    sa.Column("mail", sa.String(100)))


def downgrade():
    op.drop_table("users_private")
    op.drop_table("users")
