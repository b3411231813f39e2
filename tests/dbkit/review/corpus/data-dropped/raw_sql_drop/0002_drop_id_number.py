"""Drop id_number, written as SQL"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("ALTER TABLE recruits DROP COLUMN id_number")


def downgrade():
    op.execute("ALTER TABLE recruits ADD COLUMN id_number varchar(13)")
