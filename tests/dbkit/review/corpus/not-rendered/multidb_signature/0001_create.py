"""Create recruits (multidb template: upgrade(engine_name))"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade(engine_name):
    globals()[f"upgrade_{engine_name}"]()


def downgrade(engine_name):
    globals()[f"downgrade_{engine_name}"]()


def upgrade_main():
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("id_number", sa.String(13)))


def downgrade_main():
    op.drop_table("recruits")
