"""Create briefs and notes"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("briefs", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("data", sa.JSON))
    op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.JSON), sa.Column("legacy", sa.JSON))


def downgrade():
    op.drop_table("notes")
    op.drop_table("briefs")
