"""Create groups: name NOT NULL, label nullable"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("groups", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(32), nullable=False),
                    sa.Column("label", sa.String(32)))


def downgrade():
    op.drop_table("groups")
