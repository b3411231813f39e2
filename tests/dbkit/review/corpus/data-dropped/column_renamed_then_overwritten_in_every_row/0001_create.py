"""Create league settings, each league's waiver day and hour its own"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "league_settings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("waiver_day", sa.Integer(), nullable=True),
        sa.Column("waiver_hour", sa.Integer(), nullable=True),
    )


def downgrade():
    op.drop_table("league_settings")
