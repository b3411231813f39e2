"""Create the tables: some columns are computed from others of the same row"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("speakers", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("username", sa.Text), sa.Column("uid", sa.Text),
                    sa.Column("nickname", sa.Text), sa.Column("is_admin", sa.Boolean),
                    sa.Column("bio_text", sa.Text), sa.Column("bio_html", sa.Text),
                    sa.Column("summary_html", sa.Text))
    op.create_table("speaker_email", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("email", sa.Text), sa.Column("md5sum", sa.Text),
                    sa.Column("domain", sa.Text))
    op.create_table("venues", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("email", sa.Text), sa.Column("domain", sa.Text))
    op.create_table("talks", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("title", sa.Text),
                    sa.Column("search_vector", postgresql.TSVECTOR))
    op.create_table("rooms", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text),
                    sa.Column("search_vector", postgresql.TSVECTOR))


def downgrade():
    for table in ("rooms", "talks", "venues", "speaker_email", "speakers"):
        op.drop_table(table)
