"""Give every recruit an email made from their chatname, one UPDATE per row (executemany)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, chatname FROM recruits")).fetchall()
    conn.execute(
        sa.text("UPDATE recruits SET email = :email WHERE id = :id"),
        [{"id": r[0], "email": f"{r[1]}@example.org"} for r in rows],
    )


def downgrade():
    op.execute("UPDATE recruits SET email = NULL")
