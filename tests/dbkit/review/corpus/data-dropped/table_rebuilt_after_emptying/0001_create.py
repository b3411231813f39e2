"""Create recruits, the cohort counts, teams and tags"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("cohort", sa.Text))
    op.create_table("cohort_counts", sa.Column("cohort", sa.Text, primary_key=True),
                    sa.Column("recruits", sa.Integer))
    op.create_table("teams", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text))
    op.create_table("tags", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("label", sa.Text))


def downgrade():
    op.drop_table("tags")
    op.drop_table("teams")
    op.drop_table("cohort_counts")
    op.drop_table("recruits")
