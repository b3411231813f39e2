"""Create cards"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("cards", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("owner", sa.Integer), sa.Column("created_at", sa.Text),
                    sa.Column("attempted_by", sa.Text), sa.Column("note", sa.Text))


def downgrade():
    op.drop_table("cards")
