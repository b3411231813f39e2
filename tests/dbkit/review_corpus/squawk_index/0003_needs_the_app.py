"""Imports the application, so it cannot be rendered on its own"""
from alembic import op

from app.models import DEFAULT_COHORT

revision = "0003"
down_revision = "0002"


def upgrade():  # expect: not-rendered
    op.execute(f"UPDATE recruits SET chatname = '{DEFAULT_COHORT}'")


def downgrade():
    op.execute("SELECT 1")
