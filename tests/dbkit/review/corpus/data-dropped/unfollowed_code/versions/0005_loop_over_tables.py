"""Drop status from two tables in a loop"""
from alembic import op

revision = "0005"
down_revision = "0004"

TABLES = ("recruits", "mentors")


def upgrade():
    for table in TABLES:
        op.drop_column(table, "status")


def downgrade():
    pass
