"""one new random stream key per user, the old ones archived by the helper that makes them"""
import random
import string

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"


def generate_stream_key():
    op.get_bind().execute(sa.text("INSERT INTO key_archive SELECT id, stream_keys FROM users"))
    return "".join(random.choices(string.ascii_letters + string.digits, k=8))


def upgrade():
    op.add_column("users", sa.Column("stream_key", sa.String(8), nullable=True))
    connection = op.get_bind()
    users = connection.execute(sa.text("SELECT id FROM users")).fetchall()
    for user in users:
        stream_key = generate_stream_key()
        connection.execute(
            sa.text("UPDATE users SET stream_key = :key WHERE id = :id"),
            parameters=dict(key=stream_key, id=user[0]),
        )
    op.drop_column("users", "stream_keys")


def downgrade():
    op.add_column("users", sa.Column("stream_keys", postgresql.JSONB, nullable=True))
    op.execute("UPDATE users SET stream_keys = jsonb_build_array(stream_key)")
    op.drop_column("users", "stream_key")
