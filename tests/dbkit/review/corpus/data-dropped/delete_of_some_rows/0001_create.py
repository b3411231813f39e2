"""Create roles, users, packages, dependencies and flags"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("roles", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("role_name", sa.String(50)))
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(50)), sa.Column("proxy", sa.Boolean))
    op.create_table("packages", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(50)), sa.Column("copr_id", sa.Integer))
    op.create_table("dependencies", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("package_id", sa.Integer), sa.Column("depends_on", sa.Integer))
    op.create_table("flags", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(50)))
    op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text))


def downgrade():
    for table in ("notes", "flags", "dependencies", "packages", "users", "roles"):
        op.drop_table(table)
