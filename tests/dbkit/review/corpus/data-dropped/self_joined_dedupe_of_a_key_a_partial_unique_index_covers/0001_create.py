"""Create cases, unique on text_hash where it is set (a partial index); tags, unique on their
name only among the rows not deleted; and notes, unique on nothing"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("text_hash", sa.String(64), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
    )
    op.execute("CREATE UNIQUE INDEX ix_cases_text_hash ON cases (text_hash) WHERE text_hash IS NOT NULL")
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    )
    op.execute("CREATE UNIQUE INDEX ix_tags_live_name ON tags (name) WHERE deleted_at IS NULL")
    op.create_index("ix_tags_name_live", "tags", ["name"], unique=True,
                    postgresql_where=sa.text("deleted_at IS NULL"))
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recruit_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
    )


def downgrade():
    op.drop_table("notes")
    op.drop_table("tags")
    op.drop_table("cases")
