"""Create the service runs: a project id always, a project name sometimes"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("service_runs", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("project_id", sa.String(36), nullable=False),
                    sa.Column("project_name", sa.String(100), nullable=True))


def downgrade():
    op.drop_table("service_runs")
