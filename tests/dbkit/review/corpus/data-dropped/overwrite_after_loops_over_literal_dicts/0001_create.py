"""Create pipelines, stages and workflows"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("pipelines", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("current_version", sa.Integer))
    op.create_table("stages", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("pipeline_id", sa.Integer), sa.Column("slug", sa.Text),
                    sa.Column("label", sa.Text))
    op.create_table("workflows", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("stage_slug", sa.Text))


def downgrade():
    for table in ("workflows", "stages", "pipelines"):
        op.drop_table(table)
