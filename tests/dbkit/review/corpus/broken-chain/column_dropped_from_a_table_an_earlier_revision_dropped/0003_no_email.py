"""The accounts' e-mail goes, on a table already gone (Hunaric/ptut-bu ef03c0b05857, held-out45):
the upgrade fails here, and drops nothing"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("accounts", "email")


def downgrade():
    op.add_column("accounts", sa.Column("email", sa.String(100)))
