"""A search index of the recruits' text, and a table of notes with their own index"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruit_search",
        sa.Column("schema", sa.String(100), nullable=False),
        sa.Column("table", sa.String(100), nullable=False),
        sa.Column("document", postgresql.TSVECTOR(), nullable=True),
        sa.PrimaryKeyConstraint("schema", "table"),
    )
    op.create_table(
        "recruit_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_search", postgresql.TSVECTOR(), nullable=True),
    )


def downgrade():
    op.drop_table("recruit_notes")
    op.drop_table("recruit_search")
