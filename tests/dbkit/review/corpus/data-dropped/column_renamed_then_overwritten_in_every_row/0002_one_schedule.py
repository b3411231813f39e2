"""Rename the waiver day, then put every league on one schedule"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    with op.batch_alter_table("league_settings") as batch:
        batch.alter_column("waiver_day", new_column_name="waiver_weekday", existing_type=sa.Integer())
    op.execute("UPDATE league_settings SET waiver_weekday = 1")
    op.execute("UPDATE league_settings SET waiver_hour = 8")


def downgrade():
    with op.batch_alter_table("league_settings") as batch:
        batch.alter_column("waiver_weekday", new_column_name="waiver_day", existing_type=sa.Integer())
