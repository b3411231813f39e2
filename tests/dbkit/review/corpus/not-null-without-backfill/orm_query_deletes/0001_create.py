"""Create the tables"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("trial_values", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("value", sa.Float))
    op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text))
    op.create_table("tags", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("label", sa.Text))


def downgrade():
    op.drop_table("tags")
    op.drop_table("notes")
    op.drop_table("trial_values")
