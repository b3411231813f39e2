"""Create incidents and cases"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("incident", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("resolution", sa.String))
    op.create_table("tokens", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer))


def downgrade():
    op.drop_table("tokens")
    op.drop_table("incident")
