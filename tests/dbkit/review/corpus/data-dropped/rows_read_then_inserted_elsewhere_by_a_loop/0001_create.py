"""Tasks with one assignee each, and roles of users"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(100), nullable=True),
    )
    op.create_table(
        "task_assignees",
        sa.Column("task_id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), primary_key=True),
    )
    op.create_table(
        "user_roles",
        sa.Column("user_id", sa.Integer(), primary_key=True),
        sa.Column("role_id", sa.Integer(), primary_key=True),
    )
    op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(20), nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
    )
    op.create_table(
        "user_groups",
        sa.Column("user_id", sa.Integer(), primary_key=True),
        sa.Column("group_id", sa.Integer(), primary_key=True),
    )


def downgrade():
    op.drop_table("users")
    op.drop_table("roles")
    op.drop_table("user_groups")
    op.drop_table("user_roles")
    op.drop_table("task_assignees")
    op.drop_table("tasks")
