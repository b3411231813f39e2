"""Create roles"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("roles", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("user_id", sa.Integer(), nullable=False),
                    sa.Column("role_name", sa.String(50), nullable=True),
                    sa.Column("scope", sa.String(50), nullable=True))


def downgrade():
    op.drop_table("roles")
