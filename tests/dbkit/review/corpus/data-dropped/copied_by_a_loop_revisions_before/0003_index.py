"""Something else in between"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_index("ix_incident_total_cost", "incident", ["total_cost"])


def downgrade():
    op.drop_index("ix_incident_total_cost", "incident")
