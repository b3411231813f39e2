"""rerank_model was read whole in 0002 but never carried on: every value is lost"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("search_settings", "rerank_model")


def downgrade():
    op.add_column("search_settings", sa.Column("rerank_model", sa.String(100)))
