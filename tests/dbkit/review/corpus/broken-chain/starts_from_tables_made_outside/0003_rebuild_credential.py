"""Rebuild credential from scratch"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("DROP TABLE IF EXISTS credential")  # dbkit: data-kept-in credential_export.csv
    op.create_table(
        "credential",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recruit_id", sa.Integer(), sa.ForeignKey("recruits.id", ondelete="CASCADE")),
    )


def downgrade():
    op.drop_table("credential")
