"""Fill the missing emails with SQLAlchemy Core: where(email == None) is email IS NULL"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

recruits = sa.table("recruits", sa.column("email"))


def upgrade():
    op.execute(recruits.update().where(recruits.c.email == None)  # noqa: E711
               .values(email="unknown@example.org"))


def downgrade():
    op.execute(recruits.update().where(recruits.c.email == "unknown@example.org")
               .values(email=None))
