"""Create examples"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("examples", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text))
    op.execute("INSERT INTO examples (body) VALUES ('seed')")


def downgrade():
    op.drop_table("examples")
