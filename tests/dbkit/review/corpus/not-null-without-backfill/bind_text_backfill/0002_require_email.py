"""Fill email through the connection with sa.text and a parameter, then require it"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE recruits SET email = :email WHERE email IS NULL"),
                 {"email": "unknown@example.com"})
    op.alter_column("recruits", "email", nullable=False)


def downgrade():
    op.alter_column("recruits", "email", nullable=True)
