"""Every other table, from the models"""
from alembic import op

from app.models import Base

revision = "0002"
down_revision = "0001"


def upgrade():
    Base.metadata.create_all(bind=op.get_bind(), checkfirst=True)


def downgrade():
    raise NotImplementedError("restore a backup")
