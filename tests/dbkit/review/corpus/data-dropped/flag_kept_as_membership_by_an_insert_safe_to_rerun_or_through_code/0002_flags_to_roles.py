"""Move the flags into roles. is_admin: an INSERT ... SELECT safe to run twice (NOT EXISTS of
the same row in recruit_roles): every admin ends up with the role. is_mentor: the keys of the
mentors read into code, then bulk-inserted. Both flags live on as membership. is_alumnus is
tested beside a NOT EXISTS of another table: no membership, lost"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    conn.execute(sa.text("INSERT INTO roles (id, name) VALUES (1, 'admin'), (2, 'mentor'), (3, 'alumnus')"))
    conn.execute(sa.text(
        "INSERT INTO recruit_roles (recruit_id, role_id) SELECT r.id, 1 FROM recruits r"
        " WHERE r.is_admin = TRUE AND NOT EXISTS (SELECT 1 FROM recruit_roles rr"
        " WHERE rr.recruit_id = r.id AND rr.role_id = 1)"))
    mentors = conn.execute(sa.text("SELECT id FROM recruits WHERE is_mentor IS TRUE")).fetchall()
    recruit_roles = sa.table("recruit_roles", sa.column("recruit_id"), sa.column("role_id"))
    op.bulk_insert(recruit_roles, [{"recruit_id": rid, "role_id": 2} for (rid,) in mentors])
    conn.execute(sa.text(
        "INSERT INTO recruit_roles (recruit_id, role_id) SELECT r.id, 3 FROM recruits r"
        " WHERE r.is_alumnus = TRUE AND NOT EXISTS (SELECT 1 FROM roles WHERE name = 'alumni')"))
    op.drop_column("recruits", "is_admin")
    op.drop_column("recruits", "is_mentor")
    op.drop_column("recruits", "is_alumnus")


def downgrade():
    op.add_column("recruits", sa.Column("is_alumnus", sa.Boolean()))
    op.add_column("recruits", sa.Column("is_mentor", sa.Boolean()))
    op.add_column("recruits", sa.Column("is_admin", sa.Boolean()))
    op.execute("UPDATE recruits SET is_admin = id IN (SELECT recruit_id FROM recruit_roles WHERE role_id = 1)")
    op.execute("UPDATE recruits SET is_mentor = id IN (SELECT recruit_id FROM recruit_roles WHERE role_id = 2)")
    op.execute("UPDATE recruits SET is_alumnus = id IN (SELECT recruit_id FROM recruit_roles WHERE role_id = 3)")
