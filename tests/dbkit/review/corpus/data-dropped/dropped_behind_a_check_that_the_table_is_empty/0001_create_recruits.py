"""Create recruits and their sessions"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chatname", sa.String(50)),
        sa.Column("cohort", sa.String(20)),
        sa.Column("notes", sa.Text),
    )
    op.create_table(
        "recruit_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("recruit_id", sa.Integer),
        sa.Column("host", sa.String(100)),
        sa.Column("port", sa.Integer),
        sa.Column("agent", sa.String(200)),
    )
    op.create_table("badges", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("label", sa.String(50)))
    op.create_table("mentors", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(50)))


def downgrade():
    op.drop_table("mentors")
    op.drop_table("badges")
    op.drop_table("recruit_sessions")
    op.drop_table("recruits")
