"""Create agents"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("agents", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(), nullable=False))


def downgrade():
    op.drop_table("agents")
