"""Registered users lose their restricted roles; placeholder audit rows go (truenth-portal
a33cb61fff11, f64288c5fd6f, c242e22f5a47): literal SQL run through a session, a connection
and text() with a tuple bound to IN :ids reads as op.execute's does"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker

revision = "0002"
down_revision = "0001"

Session = sessionmaker()


def upgrade():
    session = Session(bind=op.get_bind())
    session.execute("""
        DELETE FROM user_roles WHERE id IN (
        SELECT user_roles.id FROM users JOIN user_roles ON users.id = user_id
        JOIN roles ON roles.id = role_id
        WHERE password IS NOT NULL AND roles.name = 'write_only')""")
    session.commit()

    conn = op.get_bind()
    doomed = [row[0] for row in conn.execute(
        sa.text("SELECT id FROM audit WHERE comment = 'unknown'"))]
    if doomed:
        conn.execute(sa.text("DELETE FROM audit WHERE id IN :ids"), ids=tuple(doomed))


def downgrade():
    pass
