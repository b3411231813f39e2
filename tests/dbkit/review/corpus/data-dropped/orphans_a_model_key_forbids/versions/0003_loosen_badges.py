"""Badges may outlive their user; reviews get their author (older databases lack it)"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_constraint("badges_user_id_fkey", "badges", type_="foreignkey")
    op.add_column("reviews", sa.Column("user_id", sa.Integer, nullable=True))


def downgrade():
    op.drop_column("reviews", "user_id")
    op.create_foreign_key("badges_user_id_fkey", "badges", "users", ["user_id"], ["id"])
