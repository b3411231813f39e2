"""Create the tables: phones live on the user_phone rows"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("user_phone", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("phone", sa.Text), sa.Column("gets_text", sa.Boolean),
                    sa.Column("phone_html", sa.Text))
    op.create_table("phone_number", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("number", sa.Text))


def downgrade():
    op.drop_table("phone_number")
    op.drop_table("user_phone")
