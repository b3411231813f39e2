"""Create recruits"""
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
        sa.Column("email", sa.String(254), nullable=True),
    )


def downgrade():
    op.drop_table("recruits")
