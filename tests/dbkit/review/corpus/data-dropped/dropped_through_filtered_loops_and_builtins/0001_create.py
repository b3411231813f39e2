import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("settings", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("theme", sa.String()), sa.Column("zoom", sa.Integer()),
                    sa.Column("center_x", sa.Integer()), sa.Column("mode", sa.String()))
    op.create_table("notes", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String()))
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("label", sa.String()))
    op.create_table("tag_archive", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("label", sa.String()))


def downgrade():
    op.drop_table("tag_archive")
    op.drop_table("tags")
    op.drop_table("notes")
    op.drop_table("settings")
