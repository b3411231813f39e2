"""Create recruits and two artifact tables"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("artifacts", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("artifact_tags", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("value", sa.String(255)))


def downgrade():
    op.drop_table("artifact_tags")
    op.drop_table("artifacts")
    op.drop_table("recruits")
