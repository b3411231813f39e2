"""The same tests written with has_table()"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    bind = op.get_bind()
    if bind.dialect.has_table(bind, "legacy_log"):
        op.drop_table("legacy_log")
    if not sa.inspect(bind).has_table("recruits"):
        op.drop_table("recruits")


def downgrade():
    pass
