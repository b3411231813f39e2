"""Create recruits, with a generated column computed from chatname"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chatname", sa.String(100), nullable=False),
        sa.Column("chatname_len", sa.Integer(), sa.Computed("length(chatname)")),
    )


def downgrade():
    op.drop_table("recruits")
