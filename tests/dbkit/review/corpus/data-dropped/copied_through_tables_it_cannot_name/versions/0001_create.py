"""Create the tables"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("volume_specs", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("key", sa.Text))
    op.create_table("members", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("size", sa.Integer))
    op.create_table("instances", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("size", sa.Integer))


def downgrade():
    op.drop_table("instances")
    op.drop_table("members")
    op.drop_table("volume_specs")
