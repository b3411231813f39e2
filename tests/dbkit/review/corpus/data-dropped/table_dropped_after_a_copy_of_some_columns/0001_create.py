"""Create recruits, their profiles, and the link between them"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("chatname", sa.String(100), nullable=False))
    op.create_table("profiles", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("bio", sa.Text()), sa.Column("motto", sa.Text()),
                    sa.Column("shoe_size", sa.Integer()))
    op.create_table("recruit_profiles",
                    sa.Column("recruit_id", sa.Integer(), sa.ForeignKey("recruits.id")),
                    sa.Column("profile_id", sa.Integer(), sa.ForeignKey("profiles.id")))


def downgrade():
    op.drop_table("recruit_profiles")
    op.drop_table("profiles")
    op.drop_table("recruits")
