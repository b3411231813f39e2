"""Create recruits and mentors, each with a first and a last name and a nickname"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    for name in ("recruits", "mentors"):
        op.create_table(name, sa.Column("id", sa.Integer, primary_key=True),
                        sa.Column("first_name", sa.Text), sa.Column("last_name", sa.Text),
                        sa.Column("nickname", sa.Text))


def downgrade():
    op.drop_table("mentors")
    op.drop_table("recruits")
