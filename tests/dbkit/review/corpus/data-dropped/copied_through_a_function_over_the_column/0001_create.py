"""Create projects, their access rights held as JSON"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("projects", sa.Column("uuid", sa.Text, primary_key=True),
                    sa.Column("access_rights", sa.JSON), sa.Column("notes", sa.Text),
                    sa.Column("tags", sa.JSON))


def downgrade():
    op.drop_table("projects")
