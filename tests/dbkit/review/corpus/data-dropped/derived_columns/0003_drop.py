"""Drop what the application computes again, and some values that are lost"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("speakers", "uid")  # computed from username by 0002: derived
    op.drop_column("speakers", "bio_html")  # a rendering of bio_text: derived
    op.drop_column("speaker_email", "md5sum")  # a digest of the email the table is about
    op.drop_column("speaker_email", "domain")  # its domain
    op.drop_column("talks", "search_vector")  # a search index of title, which stays
    op.drop_column("speakers", "nickname")  # set for some rows only, then edited: lost
    op.drop_column("speakers", "summary_html")  # no summary column to render it from: lost
    op.drop_column("venues", "domain")  # a venue is not about its contact email: lost
    op.drop_column("rooms", "name")  # lost, and with it what the index held
    op.drop_column("rooms", "search_vector")


def downgrade():
    raise RuntimeError("not reversible")
