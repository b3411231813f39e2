"""Add stars and make the views again from the project's template"""
from alembic import op
import sqlalchemy as sa

from sqlviews.templates import VIEW_SQL

revision = "0002"
down_revision = "0001"

VIEWS = [("mv_mcp", "mcp"), ("mv_rag", "rag")]


def upgrade():
    op.add_column("repos", sa.Column("stars", sa.Integer(), nullable=True))
    for view_name, domain in VIEWS:
        op.execute(f"DROP MATERIALIZED VIEW IF EXISTS {view_name} CASCADE")
        op.execute(VIEW_SQL.substitute(view_name=view_name, domain=domain))
        op.execute(f"CREATE UNIQUE INDEX idx_{view_name}_id ON {view_name} (id)")


def downgrade():
    op.drop_column("repos", "stars")
