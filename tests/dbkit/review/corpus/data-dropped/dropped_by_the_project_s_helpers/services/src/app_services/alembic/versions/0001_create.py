import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("settings", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("theme", sa.String), sa.Column("language", sa.String),
                    sa.Column("font", sa.String))
    op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text))
    op.create_table("tabs", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("title", sa.Text))
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("username", sa.String), sa.Column("email", sa.String))
    for name in ("archive_a", "archive_b", "archive_c"):
        op.create_table(name, sa.Column("id", sa.Integer, primary_key=True),
                        sa.Column("note", sa.Text))


def downgrade():
    op.drop_table("tabs")
    op.drop_table("notes")
    op.drop_table("settings")
