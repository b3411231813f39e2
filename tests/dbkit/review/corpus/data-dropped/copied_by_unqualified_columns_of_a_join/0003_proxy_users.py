"""Owners' names copied by an unqualified column; then the proxy users deleted (copr
45d0515bdc3f): one column guessed from a join keeps none of their rows"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_table("owners", sa.Column("name", sa.Text))
    op.execute("INSERT INTO owners (name) SELECT username FROM projects "
               "JOIN users ON projects.user_id = users.id")
    op.execute("DELETE FROM users WHERE proxy = true")


def downgrade():
    op.drop_table("owners")
