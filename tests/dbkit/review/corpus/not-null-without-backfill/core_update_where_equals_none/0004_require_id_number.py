"""Fill the missing id numbers: where(id_number == sa.null()) is id_number IS NULL too"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"

recruits = sa.table("recruits", sa.column("id_number"))


def upgrade():
    op.execute(recruits.update().where(recruits.c.id_number == sa.null())
               .values(id_number="0000000000000"))
    op.alter_column("recruits", "id_number", nullable=False)


def downgrade():
    op.alter_column("recruits", "id_number", nullable=True)
