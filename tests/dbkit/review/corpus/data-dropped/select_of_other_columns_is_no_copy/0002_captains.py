"""Read some columns of recruits in a loop (CTFd's shape)"""
from alembic import op
import sqlalchemy as sa

recruits = sa.table("recruits", sa.column("id", sa.Integer), sa.column("captain", sa.Boolean))

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("captain", sa.Boolean(), nullable=True))
    connection = op.get_bind()
    for row in connection.execute(recruits.select()):
        connection.execute(recruits.update().where(recruits.c.id == row.id).values(captain=False))


def downgrade():
    op.drop_column("recruits", "captain")
