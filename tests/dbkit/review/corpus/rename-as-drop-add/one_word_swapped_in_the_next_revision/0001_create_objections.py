"""objections, naming the temple each is about"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("objections", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("obj_entity_name", sa.String(200)))


def downgrade():
    op.drop_table("objections")
