"""Create ticket"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("ticket", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO ticket (id) VALUES (1)")


def downgrade():
    op.drop_table("ticket")
