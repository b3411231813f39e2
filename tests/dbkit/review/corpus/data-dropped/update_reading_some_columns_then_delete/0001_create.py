"""Create stages, items, doctors and people"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("stages", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("slug", sa.Text), sa.Column("label", sa.Text),
                    sa.Column("color", sa.Text), sa.Column("position", sa.Integer))
    op.create_table("items", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("stage_id", sa.Integer), sa.Column("status_label", sa.Text))
    op.create_table("doctors", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text), sa.Column("speciality_id", sa.Integer))
    op.create_table("people", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("doctor_id", sa.Integer), sa.Column("speciality_id", sa.Integer))


def downgrade():
    for table in ("people", "doctors", "items", "stages"):
        op.drop_table(table)
