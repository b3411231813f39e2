"""Copy each recruit's email onto their memberships, row by row"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

recruits = sa.table("recruits", sa.column("id", sa.Integer()), sa.column("email", sa.String()))
memberships = sa.table("memberships", sa.column("id", sa.Integer()),
                       sa.column("recruit_id", sa.Integer()), sa.column("email", sa.String()))


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.select(memberships.c.id, memberships.c.recruit_id)).fetchall()
    for row in rows:
        email = conn.execute(sa.select(recruits.c.email)
                             .where(recruits.c.id == row.recruit_id)).scalar()
        conn.execute(memberships.update().where(memberships.c.id == row.id)
                     .values(email=email))


def downgrade():
    pass
