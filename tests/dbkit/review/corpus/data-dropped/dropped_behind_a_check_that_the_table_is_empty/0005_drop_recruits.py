"""Drop recruits: 0004 checked it empty, but rows may be written between the two deploys"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"


def upgrade():
    op.drop_table("recruits")


def downgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True))
