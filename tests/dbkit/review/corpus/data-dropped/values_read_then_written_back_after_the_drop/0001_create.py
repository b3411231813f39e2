"""Create the tables"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("research", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("report_id", sa.Integer), sa.Column("research_type_id", sa.Integer))
    op.create_table("whitelist", sa.Column("user_id", sa.Integer, primary_key=True),
                    sa.Column("subscriptions", sa.Text))
    op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text), sa.Column("author", sa.Text))
    op.create_table("tags", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("label", sa.Text))


def downgrade():
    op.drop_table("tags")
    op.drop_table("notes")
    op.drop_table("whitelist")
    op.drop_table("research")
