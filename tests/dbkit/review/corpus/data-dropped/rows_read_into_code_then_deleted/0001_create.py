"""Create identifiers, and a table that keeps old ones"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("identifiers", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("system", sa.String(50)), sa.Column("value", sa.String(50)))
    op.create_table("identifier_links", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("identifier_id", sa.Integer))
    op.create_table("old_identifiers", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("value", sa.String(50)))


def downgrade():
    op.drop_table("old_identifiers")
    op.drop_table("identifier_links")
    op.drop_table("identifiers")
