"""make recruits again where an outage dropped it (theourgia 0066)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    bind = op.get_bind()
    exists = bind.execute(sa.text("SELECT to_regclass('public.recruits') IS NOT NULL")).scalar()
    if exists:
        return
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    pass
