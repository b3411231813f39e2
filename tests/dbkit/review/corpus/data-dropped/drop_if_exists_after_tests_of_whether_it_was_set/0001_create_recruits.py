"""Create recruits and their papers: the chain makes its tables from nothing"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chatname", sa.String(100), nullable=False),
        sa.Column("id_number", sa.String(13), nullable=True),
    )
    op.create_table(
        "papers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recruit_id", sa.Integer(), sa.ForeignKey("recruits.id"), nullable=False),
    )


def downgrade():
    op.drop_table("papers")
    op.drop_table("recruits")
