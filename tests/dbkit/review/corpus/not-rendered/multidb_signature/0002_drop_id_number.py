"""Drop id_number (multidb template)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade(engine_name):
    globals()[f"upgrade_{engine_name}"]()


def downgrade(engine_name):
    globals()[f"downgrade_{engine_name}"]()


def upgrade_main():
    op.drop_column("recruits", "id_number")


def downgrade_main():
    op.add_column("recruits", sa.Column("id_number", sa.String(13)))
