"""Make email unique, without naming the constraint"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_unique_constraint(None, "recruits", ["email"])


def downgrade():
    op.drop_constraint(None, "recruits", type_="unique")
