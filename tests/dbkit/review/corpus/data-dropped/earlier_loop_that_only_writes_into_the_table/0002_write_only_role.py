"""Unregistered users get the write_only role, one INSERT per user in a loop (truenth-portal
773b1de060dd): the loop writes INTO user_roles and reads none of its values"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker

revision = "0002"
down_revision = "0001"

Session = sessionmaker()


def upgrade():
    session = Session(bind=op.get_bind())
    user_ids = [row[0] for row in session.execute(
        "SELECT id FROM users WHERE password IS NULL AND id NOT IN (SELECT user_id FROM user_roles)")]
    for user_id in user_ids:
        session.execute(sa.text("INSERT INTO user_roles (user_id, role_id) VALUES (:u, 3)"),
                        {"u": user_id})
    session.commit()


def downgrade():
    pass
