"""Drop the rag view, then index it: nothing made it again"""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.execute("DROP MATERIALIZED VIEW mv_rag")
    op.execute("CREATE INDEX idx_mv_rag_stars ON mv_rag (stars)")


def downgrade():
    pass
