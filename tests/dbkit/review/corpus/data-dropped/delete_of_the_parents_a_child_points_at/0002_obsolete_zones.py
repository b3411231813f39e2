"""Drop zones: first delete the topics every zone row points at (ON DELETE CASCADE empties
topic_zones, so its drop loses nothing more); topic_marks' rows with no topic stay, and the
topics whose code is a flag are not those the flags point at: their drops lose rows"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM topics USING topic_zones WHERE topics.id = topic_zones.topic_id")
    op.execute("DELETE FROM topics USING topic_marks WHERE topic_marks.topic_id = topics.id")
    op.execute("DELETE FROM topics USING topic_flags WHERE topics.code = topic_flags.flag")
    op.drop_table("topic_zones")
    op.drop_table("topic_marks")
    op.drop_table("topic_flags")


def downgrade():
    raise NotImplementedError("the zoned topics are not kept")
