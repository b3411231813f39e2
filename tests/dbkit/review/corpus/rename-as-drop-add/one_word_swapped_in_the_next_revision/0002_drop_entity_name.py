"""The temple's name goes (dba-backend 20251210000007)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("objections", "obj_entity_name")


def downgrade():
    op.add_column("objections", sa.Column("obj_entity_name", sa.String(200)))
