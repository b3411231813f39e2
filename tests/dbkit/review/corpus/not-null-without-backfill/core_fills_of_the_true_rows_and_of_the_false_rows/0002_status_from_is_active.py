"""Turn is_active into a status: every row is active or not, so both fills reach every row"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

recruits = sa.table("recruits", sa.column("is_active", sa.Boolean), sa.column("status", sa.Text))


def upgrade():
    op.add_column("recruits", sa.Column("status", sa.Text(), nullable=True))
    op.execute(recruits.update().values(status="left").where(recruits.c.is_active == False))  # noqa: E712
    op.execute(recruits.update().values(status="active").where(recruits.c.is_active == True))  # noqa: E712
    op.alter_column("recruits", "status", nullable=False)
    op.drop_column("recruits", "is_active")


def downgrade():
    op.add_column("recruits", sa.Column("is_active", sa.Boolean(), nullable=True))
    op.execute(recruits.update().values(is_active=(recruits.c.status == "active")))
    op.alter_column("recruits", "is_active", nullable=False)
    op.drop_column("recruits", "status")
