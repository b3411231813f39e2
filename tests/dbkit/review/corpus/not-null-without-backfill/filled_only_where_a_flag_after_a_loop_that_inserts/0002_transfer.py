"""Temporary records copied in row by row (dba-backend 20260222000001): new rows, no fill"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    pending = conn.execute(sa.text("SELECT name FROM temporary_temples")).fetchall()
    for row in pending:
        conn.execute(sa.text("INSERT INTO temples (name, is_deleted) VALUES (:name, false)"),
                     {"name": row.name})


def downgrade():
    pass
