"""Products and plans, one product made here"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("products", sa.Column("name", sa.Text, primary_key=True),
                    sa.Column("urls", sa.Text), sa.Column("frontend", sa.Text))
    op.execute("INSERT INTO products (name, urls, frontend) VALUES ('main', 'a.io', 'main')")
    op.create_table("plans", sa.Column("name", sa.Text, primary_key=True),
                    sa.Column("note", sa.Text))


def downgrade():
    op.drop_table("plans")
    op.drop_table("products")
