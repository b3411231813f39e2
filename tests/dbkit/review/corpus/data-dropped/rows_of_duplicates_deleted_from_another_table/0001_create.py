"""Create persons and their schedule cells"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("persons", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.Text(), nullable=False),
                    sa.Column("comment", sa.Text(), nullable=True))
    op.create_table("schedule_cells", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("person_id", sa.Integer(), nullable=False),
                    sa.Column("hours", sa.Integer(), nullable=False))


def downgrade():
    op.drop_table("schedule_cells")
    op.drop_table("persons")
