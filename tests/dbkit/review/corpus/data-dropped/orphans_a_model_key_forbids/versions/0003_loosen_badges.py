"""Badges may outlive their user"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_constraint("badges_user_id_fkey", "badges", type_="foreignkey")


def downgrade():
    op.create_foreign_key("badges_user_id_fkey", "badges", "users", ["user_id"], ["id"])
