"""Drop id_number, archived by 0002"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("recruits", "id_number")


def downgrade():
    op.add_column("recruits", sa.Column("id_number", sa.String(13)))
    op.execute("UPDATE recruits SET id_number = a.id_number FROM recruit_id_numbers a WHERE a.recruit_id = recruits.id")
