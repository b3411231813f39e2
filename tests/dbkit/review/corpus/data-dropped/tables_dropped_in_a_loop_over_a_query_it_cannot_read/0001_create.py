"""Users, their notes, and a table of another schema"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("email", sa.String(255)))
    op.create_table("notes", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("body", sa.Text()))
    op.create_table("keep_me", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("events", sa.Column("id", sa.Integer(), primary_key=True), schema="audit")


def downgrade():
    op.drop_table("events", schema="audit")
    for table in ("keep_me", "notes", "users"):
        op.drop_table(table)
