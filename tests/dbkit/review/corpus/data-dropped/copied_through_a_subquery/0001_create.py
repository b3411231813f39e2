"""Create recruits and their profiles"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("chatname", sa.Text))
    op.create_table("profiles", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("recruit_id", sa.Integer, sa.ForeignKey("recruits.id")),
                    sa.Column("about", sa.Text), sa.Column("motto", sa.Text),
                    sa.Column("nickname", sa.Text), sa.Column("website", sa.Text))


def downgrade():
    op.drop_table("profiles")
    op.drop_table("recruits")
