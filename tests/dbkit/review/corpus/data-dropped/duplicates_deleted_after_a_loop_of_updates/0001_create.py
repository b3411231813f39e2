"""Create the geocode cache and the places"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("cache", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("address_raw", sa.Text), sa.Column("address_norm", sa.Text),
                    sa.Column("source", sa.Text), sa.Column("location", sa.Text))
    op.create_table("place", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name_raw", sa.Text), sa.Column("name_norm", sa.Text),
                    sa.Column("note", sa.Text))


def downgrade():
    op.drop_table("place")
    op.drop_table("cache")
