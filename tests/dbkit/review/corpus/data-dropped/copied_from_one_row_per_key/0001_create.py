"""Create recruits, the drafts of each recruit's profile, and their settings"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "settings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("theme", sa.String(20), nullable=True),
    )
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chatname", sa.String(100), nullable=False),
        sa.Column("settings_id", sa.Integer(), sa.ForeignKey("settings.id"), nullable=True),
    )
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recruit_id", sa.Integer(), sa.ForeignKey("recruits.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("motto", sa.Text(), nullable=True),
        sa.Column("bio", sa.Text(), nullable=True),
        sa.Column("badge", sa.String(20), nullable=True),
        sa.Column("nickname", sa.String(50), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("colour", sa.String(20), nullable=True),
    )


def downgrade():
    op.drop_table("drafts")
    op.drop_table("recruits")
    op.drop_table("settings")
