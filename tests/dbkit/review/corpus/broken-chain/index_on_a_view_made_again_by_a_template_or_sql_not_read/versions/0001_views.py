"""Create repos and a view per domain, from a template of this file"""
from string import Template

from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None

VIEWS = [("mv_mcp", "mcp"), ("mv_rag", "rag")]
_VIEW_SQL = Template("""
CREATE MATERIALIZED VIEW $view_name AS
SELECT id FROM repos WHERE domain = '$domain'
""")


def upgrade():
    op.create_table(
        "repos",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("domain", sa.String(40), nullable=False),
    )
    for view_name, domain in VIEWS:
        op.execute(f"DROP MATERIALIZED VIEW IF EXISTS {view_name} CASCADE")
        op.execute(_VIEW_SQL.substitute(view_name=view_name, domain=domain))
        op.execute(f"CREATE UNIQUE INDEX idx_{view_name}_id ON {view_name} (id)")


def downgrade():
    for view_name, _ in VIEWS:
        op.execute(f"DROP MATERIALIZED VIEW IF EXISTS {view_name} CASCADE")
    op.drop_table("repos")
