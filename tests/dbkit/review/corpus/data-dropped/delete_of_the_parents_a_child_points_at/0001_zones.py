"""Topics and zones, and the tables tying them"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "topics",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(40), nullable=False, unique=True),
        sa.Column("title", sa.Text(), nullable=False),
    )
    op.create_table(
        "topic_zones",
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("zone", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], ondelete="CASCADE"),
    )
    op.create_table(
        "topic_marks",
        sa.Column("topic_id", sa.Integer(), sa.ForeignKey("topics.id", ondelete="CASCADE"),
                  nullable=True),
        sa.Column("mark", sa.String(40), nullable=False),
    )
    op.create_table(
        "topic_flags",
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("flag", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], ondelete="CASCADE"),
    )


def downgrade():
    op.drop_table("topic_flags")
    op.drop_table("topic_marks")
    op.drop_table("topic_zones")
    op.drop_table("topics")
