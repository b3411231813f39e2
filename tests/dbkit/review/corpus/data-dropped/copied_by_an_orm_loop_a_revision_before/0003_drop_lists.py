"""Drop the opt-out list (carried into recruits) and the bounces (kept nowhere)"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_table("email_opt_outs")
    op.drop_table("bounces")


def downgrade():
    raise NotImplementedError("the lists are gone")
