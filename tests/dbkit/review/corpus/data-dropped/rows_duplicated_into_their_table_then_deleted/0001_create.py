"""Create products and the services' specifications"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("products", sa.Column("name", sa.Text, primary_key=True))
    op.create_table("specs", sa.Column("key", sa.Text), sa.Column("gid", sa.Integer),
                    sa.Column("body", sa.Text), sa.Column("product", sa.Text))
    op.create_table("notes", sa.Column("key", sa.Text), sa.Column("body", sa.Text),
                    sa.Column("product", sa.Text))


def downgrade():
    op.drop_table("notes")
    op.drop_table("specs")
    op.drop_table("products")
