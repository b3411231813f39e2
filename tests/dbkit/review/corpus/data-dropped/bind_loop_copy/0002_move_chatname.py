"""Copy chatname row by row through the connection, then drop it"""
from alembic import op
import sqlalchemy as sa

recruits = sa.table("recruits", sa.column("id", sa.Integer), sa.column("chatname", sa.String),
                    sa.column("rocketchat_user", sa.String))

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("rocketchat_user", sa.String(100), nullable=True))
    conn = op.get_bind()
    for row in conn.execute(sa.select(recruits.c.id, recruits.c.chatname)):
        conn.execute(recruits.update().where(recruits.c.id == row.id)
                     .values(rocketchat_user=row.chatname))
    op.drop_column("recruits", "chatname")


def downgrade():
    op.add_column("recruits", sa.Column("chatname", sa.String(100)))
    op.drop_column("recruits", "rocketchat_user")
