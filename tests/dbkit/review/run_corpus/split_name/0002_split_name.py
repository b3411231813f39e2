"""Split full_name into first and last name, then drop it"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("first_name", sa.String(50)))
    op.add_column("recruits", sa.Column("last_name", sa.String(50)))
    op.execute("UPDATE recruits SET first_name = split_part(full_name, ' ', 1), "
               "last_name = substr(full_name, length(split_part(full_name, ' ', 1)) + 2)")
    op.drop_column("recruits", "full_name")


def downgrade():
    op.add_column("recruits", sa.Column("full_name", sa.String(100)))
    op.execute("UPDATE recruits SET full_name = first_name || ' ' || last_name")
    op.drop_column("recruits", "first_name")
    op.drop_column("recruits", "last_name")
