"""Fix one mistyped email with SQLAlchemy Core: where(email == ...) never matches a NULL"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

recruits = sa.table("recruits", sa.column("email"))


def upgrade():
    op.execute(recruits.update().where(recruits.c.email == "jane@exmaple.org")
               .values(email="jane@example.org"))


def downgrade():
    op.execute(recruits.update().where(recruits.c.email == "jane@example.org")
               .values(email="jane@exmaple.org"))
