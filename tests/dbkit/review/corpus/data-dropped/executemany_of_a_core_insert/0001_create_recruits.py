"""Create recruits"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("id_number", sa.String(13)), sa.Column("chatname", sa.Text))


def downgrade():
    op.drop_table("recruits")
