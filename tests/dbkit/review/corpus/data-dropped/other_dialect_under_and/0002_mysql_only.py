"""On MySQL only, drop id_number (PostgreSQL keeps it): `bind and` does not change that"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    bind = op.get_bind()
    if bind and bind.engine.name == "mysql":
        op.drop_column("recruits", "id_number")
    if bind.engine.name == "mariadb" or bind.engine.name == "mysql":
        op.drop_column("recruits", "name")


def downgrade():
    pass
