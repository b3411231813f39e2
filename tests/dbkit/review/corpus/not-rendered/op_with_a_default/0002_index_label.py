"""Index the labels (built under a lock: squawk sees it once upgrade gets Alembic's op)"""

revision = "0002"
down_revision = "0001"


def upgrade(op=None):
    op.create_index("ix_badges_label", "badges", ["label"])


def downgrade(op=None):
    op.drop_index("ix_badges_label", table_name="badges")
