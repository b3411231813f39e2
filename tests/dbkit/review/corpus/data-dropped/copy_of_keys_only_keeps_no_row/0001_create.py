"""Create suppliers, users and their pairings"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("suppliers", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("mail", sa.String(100)), sa.Column("role", sa.String(20)),
                    sa.Column("supplier_id", sa.Integer))
    op.create_table("supplier_frameworks", sa.Column("supplier_id", sa.Integer),
                    sa.Column("framework", sa.String(20)))
    op.create_table("users_archive", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("mail", sa.String(100)), sa.Column("role", sa.String(20)))


def downgrade():
    op.drop_table("users_archive")
    op.drop_table("supplier_frameworks")
    op.drop_table("users")
    op.drop_table("suppliers")
