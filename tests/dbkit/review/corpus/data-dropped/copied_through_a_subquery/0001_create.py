"""Create recruits, their profiles and the profiles' history"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("chatname", sa.Text), sa.Column("handle", sa.Text),
                    sa.Column("old_handle", sa.Text), sa.Column("alias", sa.Text))
    op.create_table("profiles", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("recruit_id", sa.Integer, sa.ForeignKey("recruits.id")),
                    sa.Column("about", sa.Text), sa.Column("motto", sa.Text),
                    sa.Column("nickname", sa.Text), sa.Column("website", sa.Text))
    op.create_table("profiles_history", sa.Column("recruit_id", sa.Integer),
                    sa.Column("about", sa.Text))


def downgrade():
    op.drop_table("profiles_history")
    op.drop_table("profiles")
    op.drop_table("recruits")
