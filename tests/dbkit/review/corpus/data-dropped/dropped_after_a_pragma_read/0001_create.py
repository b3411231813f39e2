"""Users"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("pending_learn", sa.Boolean, nullable=False, server_default=sa.false()),
                    sa.Column("nickname", sa.String(50)))


def downgrade():
    op.drop_table("users")
