"""An index only PostgreSQL gets, picked by the connection's URL as CTFd's revisions pick it"""

revision = "0003"
down_revision = "0002"


def upgrade(op=None):
    url = str(op.get_bind().engine.url)
    if url.startswith("postgres"):
        op.create_index("ix_badges_label_id", "badges", ["label", "id"])


def downgrade(op=None):
    op.drop_index("ix_badges_label_id", table_name="badges")
