"""Unnamed constraints no downgrade drops by None (an OpenStack-style chain has no downgrade)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_unique_constraint(None, "recruits", ["email"])
    op.create_foreign_key(None, "recruits", "teams", ["team_id"], ["id"])
