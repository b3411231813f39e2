"""Create cohorts, clearing leftovers of hand-made attempts first"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_table("cohort_drafts", if_exists=True)
    op.execute("DROP TABLE IF EXISTS cohorts CASCADE")
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(40), nullable=False),
    )
    op.execute("ALTER TABLE recruits DROP COLUMN IF EXISTS cohort_code")
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer(), sa.ForeignKey("cohorts.id")))


def downgrade():
    op.drop_column("recruits", "cohort_id")
    op.drop_table("cohorts")
