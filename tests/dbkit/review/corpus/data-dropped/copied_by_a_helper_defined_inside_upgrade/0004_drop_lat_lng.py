"""Drop the coordinates of crags and sectors: the map markers hold them; a crag's name,
which no marker holds, goes too"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    with op.batch_alter_table("crags", schema=None) as batch_op:
        batch_op.drop_column("lng")
        batch_op.drop_column("lat")
        batch_op.drop_column("name")
    with op.batch_alter_table("sectors", schema=None) as batch_op:
        batch_op.drop_column("lng")
        batch_op.drop_column("lat")


def downgrade():
    with op.batch_alter_table("sectors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lat", sa.Float, nullable=True))
        batch_op.add_column(sa.Column("lng", sa.Float, nullable=True))
    with op.batch_alter_table("crags", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name", sa.Text, nullable=True))
        batch_op.add_column(sa.Column("lat", sa.Float, nullable=True))
        batch_op.add_column(sa.Column("lng", sa.Float, nullable=True))
