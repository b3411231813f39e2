"""Create users, with their email, password and nickname in plain text"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("password", sa.Text(), nullable=True),
        sa.Column("nickname", sa.Text(), nullable=True),
    )


def downgrade():
    op.drop_table("users")
