"""copy into the rows still empty, every row holding a value, or every row, then drop"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("UPDATE messages SET channel_id = channel WHERE channel_id IS NULL")
    op.drop_column("messages", "channel")
    op.execute("UPDATE messages SET remark = note WHERE note IS NOT NULL AND note <> ''")
    op.drop_column("messages", "note")
    op.execute("UPDATE messages SET label = topic WHERE topic ~ '^[a-z]+$'")
    op.execute("UPDATE messages SET label = 'other-' || topic WHERE topic !~ '^[a-z]+$'")
    op.drop_column("messages", "topic")


def downgrade():
    op.add_column("messages", sa.Column("topic", sa.String(200), nullable=True))
    op.add_column("messages", sa.Column("note", sa.String(200), nullable=True))
    op.add_column("messages", sa.Column("channel", sa.String(200), nullable=True))
