"""The application made recruit_drafts from its model on some databases, with an old
structure: drop it where it is, then make it as it should be"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    if "recruit_drafts" in sa.inspect(op.get_bind()).get_table_names():
        op.drop_table("recruit_drafts")
    op.create_table("recruit_drafts", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("recruit_drafts")
