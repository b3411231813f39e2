"""Create drivers, leaves and shifts"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("drivers", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("status", sa.String(16)))
    op.create_table("leaves", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("reason", sa.Text))
    op.create_table("shifts", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("note", sa.Text), sa.Column("kind", sa.String(16)))
    op.create_table("vans", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("plate", sa.String(16)))


def downgrade():
    for table in ("vans", "shifts", "leaves", "drivers"):
        op.drop_table(table)
