"""Create speakers: uid is computed from the row's username, peers from other rows"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("speakers", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("username", sa.Text), sa.Column("city", sa.Text),
                    sa.Column("uid", sa.Text), sa.Column("peers", sa.Integer))
    op.execute("UPDATE speakers SET uid = lower(username)")
    op.execute("UPDATE speakers SET peers = (SELECT count(*) FROM speakers other "
               "WHERE other.city = speakers.city)")


def downgrade():
    op.drop_table("speakers")
