"""Access rights one row per group, read out of the JSON by json_each"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("project_to_groups", sa.Column("project_uuid", sa.Text),
                    sa.Column("gid", sa.BigInteger), sa.Column("read", sa.Boolean))
    op.execute("""
    INSERT INTO project_to_groups
    SELECT projects.uuid AS project_uuid, CAST(js.key AS bigint) AS gid,
           CAST(js.value ->> 'read' AS bool) AS read
    FROM projects, json_each(projects.access_rights::json) AS js
    """)
    op.create_table("project_tags", sa.Column("project_uuid", sa.Text), sa.Column("name", sa.Text))
    op.execute("""
    INSERT INTO project_tags (project_uuid, name)
    SELECT p.uuid, elem->>'name' FROM projects p, json_array_elements(p.tags) AS elem
    """)


def downgrade():
    op.drop_table("project_tags")
    op.drop_table("project_to_groups")
