"""A product is found by a host pattern: the product made again with one"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM products WHERE name = 'main'")
    op.add_column("products", sa.Column("host_regex", sa.Text, nullable=False))
    op.drop_column("products", "urls")
    op.drop_column("products", "frontend")
    op.execute("INSERT INTO products (name, host_regex) VALUES ('main', 'a[.]io')")
    op.add_column("plans", sa.Column("tier", sa.Text, nullable=False))
    op.drop_column("plans", "note")


def downgrade():
    op.add_column("plans", sa.Column("note", sa.Text))
    op.drop_column("plans", "tier")
    op.add_column("products", sa.Column("frontend", sa.Text))
    op.add_column("products", sa.Column("urls", sa.Text))
    op.drop_column("products", "host_regex")
