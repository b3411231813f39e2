"""Create the search settings and the documents indexed with them"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("search_settings", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("index_name", sa.String(100), nullable=False),
                    sa.Column("rerank_model", sa.String(100), nullable=True),
                    sa.Column("status", sa.String(20), nullable=True))
    op.create_table("documents", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("index_name", sa.String(100), nullable=True))


def downgrade():
    op.drop_table("documents")
    op.drop_table("search_settings")
