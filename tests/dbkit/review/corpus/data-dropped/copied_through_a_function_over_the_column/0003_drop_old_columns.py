"""Drop the JSON access rights (kept in project_to_groups), the tags (in project_tags) and the notes (kept nowhere)"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("projects", "access_rights")
    op.drop_column("projects", "notes")
    op.drop_column("projects", "tags")


def downgrade():
    op.add_column("projects", sa.Column("tags", sa.JSON))
    op.add_column("projects", sa.Column("notes", sa.Text))
    op.add_column("projects", sa.Column("access_rights", sa.JSON))
