"""Create holders, with a name"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "holders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_name", sa.String(), nullable=True),
    )


def downgrade():
    op.drop_table("holders")
