"""Users and accounts"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("accounts", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("email", sa.String(100)))


def downgrade():
    op.drop_table("accounts")
    op.drop_table("users")
