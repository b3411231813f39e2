"""Create permission and objects"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("permission", sa.Column("object_id", sa.Integer, primary_key=True),
                    sa.Column("group_id", sa.Integer), sa.Column("reason_type", sa.Text))
    op.create_table("objects", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("kind", sa.Text), sa.Column("old_kind", sa.Text))


def downgrade():
    op.drop_table("objects")
    op.drop_table("permission")
