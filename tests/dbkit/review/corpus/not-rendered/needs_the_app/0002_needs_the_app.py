"""Imports the application, so it cannot be rendered on its own"""
from alembic import op

from app.models import DEFAULT_COHORT

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute(f"UPDATE recruits SET chatname = '{DEFAULT_COHORT}'")


def downgrade():
    op.execute("SELECT 1")
