"""Keep an HMAC of each email, a hash of each password and each nickname as it is, in
columns of their own, then drop the plain columns"""
import hashlib
import hmac as stdlib_hmac

from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _digests(conn):
    rows = conn.execute(sa.text("SELECT id, email, password, nickname FROM users")).fetchall()
    for uid, email, password, nickname in rows:
        mac = stdlib_hmac.new(b"key", email.lower().encode(), hashlib.sha256).hexdigest()
        conn.execute(
            sa.text("UPDATE users SET email_hmac = :m, password_hash = :p, shown_name = :n WHERE id = :i"),
            {"m": mac, "p": hashlib.pbkdf2_hmac("sha256", password.encode(), b"salt", 1000).hex(), "n": nickname, "i": uid},
        )


def upgrade():
    op.add_column("users", sa.Column("email_hmac", sa.Text(), nullable=True))
    op.add_column("users", sa.Column("password_hash", sa.Text(), nullable=True))
    op.add_column("users", sa.Column("shown_name", sa.Text(), nullable=True))
    _digests(op.get_bind())
    op.drop_column("users", "email")
    op.drop_column("users", "password")
    op.drop_column("users", "nickname")


def downgrade():
    op.add_column("users", sa.Column("nickname", sa.Text(), nullable=True))
    op.add_column("users", sa.Column("password", sa.Text(), nullable=True))
    op.add_column("users", sa.Column("email", sa.Text(), nullable=True))
    op.execute("UPDATE users SET nickname = shown_name")
    op.drop_column("users", "shown_name")
    op.drop_column("users", "password_hash")
    op.drop_column("users", "email_hmac")
