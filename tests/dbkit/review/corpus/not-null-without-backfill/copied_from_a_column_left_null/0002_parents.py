"""Parent columns filled from the row's own columns (osparc 481d5b472721): the id from a NOT
NULL column fills every row; the name from project_name, which this revision makes NOT NULL
with no fill, copies its NULLs"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("service_runs", sa.Column("parent_project_id", sa.String(36), nullable=True))
    op.add_column("service_runs", sa.Column("parent_project_name", sa.String(100),
                                            nullable=True))
    op.execute("UPDATE service_runs SET parent_project_id = project_id, "
               "parent_project_name = project_name")
    op.alter_column("service_runs", "parent_project_id", nullable=False)
    op.alter_column("service_runs", "parent_project_name", nullable=False)
    op.alter_column("service_runs", "project_name", nullable=False)


def downgrade():
    op.alter_column("service_runs", "project_name", nullable=True)
    op.drop_column("service_runs", "parent_project_name")
    op.drop_column("service_runs", "parent_project_id")
