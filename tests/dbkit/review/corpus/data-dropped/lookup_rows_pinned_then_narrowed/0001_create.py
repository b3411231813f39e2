"""Create the lookup tables and the table using them"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("method_types", sa.Column("name", sa.String(20), primary_key=True))
    op.create_table("channel_kinds", sa.Column("name", sa.String(20), primary_key=True))
    op.create_table("levels", sa.Column("name", sa.String(20), primary_key=True),
                    sa.Column("label", sa.Text))
    op.create_table("methods", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("type", sa.String(20)))


def downgrade():
    op.drop_table("methods")
    op.drop_table("levels")
    op.drop_table("channel_kinds")
    op.drop_table("method_types")
