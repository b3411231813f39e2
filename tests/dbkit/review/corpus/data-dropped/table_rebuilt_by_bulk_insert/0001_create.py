"""Create cohorts, the cohort index and levels built from them, badges and tags"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text))
    op.create_table("cohort_index", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("cohort_id", sa.Integer))
    op.create_table("levels", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("label", sa.Text))
    op.create_table("badges", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("label", sa.Text))
    op.create_table("tags", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("label", sa.Text))


def downgrade():
    op.drop_table("tags")
    op.drop_table("badges")
    op.drop_table("levels")
    op.drop_table("cohort_index")
    op.drop_table("cohorts")
