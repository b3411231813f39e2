"""Fill resolution through the ORM, then make it NOT NULL"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from app.models import Incident

revision = "0002"
down_revision = "0001"


def upgrade():
    session = Session(bind=op.get_bind())
    for incident in session.query(Incident).filter(Incident.resolution.is_(None)):
        incident.resolution = "unknown"
    session.commit()
    op.alter_column("incident", "resolution", existing_type=sa.String(), nullable=False)


def downgrade():
    op.alter_column("incident", "resolution", existing_type=sa.String(), nullable=True)
