"""Drop the tags and the notes"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_table("tag")
    op.drop_table("note")


def downgrade():
    pass
