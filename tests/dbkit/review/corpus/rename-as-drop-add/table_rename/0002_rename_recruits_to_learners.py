"""Rename recruits to learners, as drop + create"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table(
        "learners",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chatname", sa.String(100), nullable=False),
        sa.Column("id_number", sa.String(13), nullable=True),
    )
    op.drop_table("recruits")


def downgrade():
    op.rename_table("learners", "recruits")
