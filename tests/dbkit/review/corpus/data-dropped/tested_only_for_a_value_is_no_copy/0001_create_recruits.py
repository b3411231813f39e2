"""Create recruits: free-text notes, and a flag for veterans"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("is_veteran", sa.Boolean(), nullable=True),
    )


def downgrade():
    op.drop_table("recruits")
