"""Steps and stamps may repeat"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_constraint("uq_step_one_per_flow", "steps", type_="unique")
    op.drop_constraint("stamps_code_key", "stamps")


def downgrade():
    op.create_unique_constraint("stamps_code_key", "stamps", ["code"])
    op.create_unique_constraint("uq_step_one_per_flow", "steps", ["flow_id"])
