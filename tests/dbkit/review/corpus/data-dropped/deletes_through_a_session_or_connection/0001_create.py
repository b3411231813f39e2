"""Create users, roles and their links, and each user's audit rows"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("password", sa.String(100), nullable=True))
    op.create_table("roles", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(50), nullable=False))
    op.create_table("user_roles", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("user_id", sa.Integer(), nullable=False),
                    sa.Column("role_id", sa.Integer(), nullable=False))
    op.create_table("audit", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("user_id", sa.Integer(), nullable=False),
                    sa.Column("comment", sa.Text(), nullable=True))


def downgrade():
    op.drop_table("audit")
    op.drop_table("user_roles")
    op.drop_table("roles")
    op.drop_table("users")
