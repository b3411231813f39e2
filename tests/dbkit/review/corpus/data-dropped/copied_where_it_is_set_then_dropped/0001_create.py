"""Create users"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("username", sa.String(64)), sa.Column("email", sa.String(120)))


def downgrade():
    op.drop_table("users")
