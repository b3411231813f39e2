"""Create tests, each with its group"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("tests", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("grp", sa.Text(), nullable=True))


def downgrade():
    op.drop_table("tests")
