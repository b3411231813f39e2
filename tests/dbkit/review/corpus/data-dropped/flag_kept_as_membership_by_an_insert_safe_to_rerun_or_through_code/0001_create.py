"""Create recruits (with their admin and mentor flags), roles and the recruits' roles"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("chatname", sa.String(100)), sa.Column("is_admin", sa.Boolean()),
                    sa.Column("is_mentor", sa.Boolean()), sa.Column("is_alumnus", sa.Boolean()))
    op.create_table("roles", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String(50)))
    op.create_table("recruit_roles", sa.Column("recruit_id", sa.Integer(), primary_key=True),
                    sa.Column("role_id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("recruit_roles")
    op.drop_table("roles")
    op.drop_table("recruits")
