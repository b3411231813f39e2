"""Drop recruits if it is there: a check of the very table it drops is no doubt (if it
is there, its rows go)"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    if "recruits" in sa.inspect(op.get_bind()).get_table_names():
        op.drop_table("recruits")


def downgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True))
