"""Create users, their sessions (a key to the user of the same organization) and notes of an
organization (no key)"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.UniqueConstraint("id", "org_id", name="uq_users_id_org"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["user_id", "org_id"], ["users.id", "users.org_id"],
                                name="fk_sessions_user_same_org", ondelete="CASCADE"),
    )
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
    )


def downgrade():
    op.drop_table("notes")
    op.drop_table("sessions")
    op.drop_table("users")
