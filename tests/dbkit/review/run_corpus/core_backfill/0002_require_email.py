"""Require an email: fill the missing ones with SQLAlchemy Core, then NOT NULL"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

recruits = sa.table("recruits", sa.column("id", sa.Integer), sa.column("email", sa.String))


def upgrade():
    bind = op.get_bind()
    bind.execute(
        recruits.update()
        .where(recruits.c.email.is_(None))
        .values(email=sa.func.concat("recruit-", recruits.c.id, "@example.invalid"))
    )
    op.alter_column("recruits", "email", existing_type=sa.String(254), nullable=False)


def downgrade():
    op.alter_column("recruits", "email", existing_type=sa.String(254), nullable=True)
