"""Create workspaces, plans, tasks, notes and an archive"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("workspaces", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("root_id", sa.Integer))
    op.create_table("plans", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("workspace_id", sa.Integer), sa.Column("body", sa.Text))
    op.create_table("tasks", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text), sa.Column("root_id", sa.Integer))
    op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text), sa.Column("kind", sa.Text))
    op.create_table("configs", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("kind", sa.Text), sa.Column("pct", sa.Integer))
    op.create_table("logs", sa.Column("body", sa.Text), sa.Column("level", sa.Text))
    op.create_table("perms", sa.Column("role", sa.Text), sa.Column("obj", sa.Text))
    op.create_table("archive", sa.Column("id", sa.Integer), sa.Column("body", sa.Text))


def downgrade():
    op.drop_table("archive")
    op.drop_table("configs")
    op.drop_table("logs")
    op.drop_table("perms")
    op.drop_table("notes")
    op.drop_table("tasks")
    op.drop_table("plans")
    op.drop_table("workspaces")
