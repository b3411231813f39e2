"""Create triggers (one per rule set), badges (unique codes) and steps"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "triggers", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("rule_set_id", sa.Integer, nullable=False),
        sa.Column("status", sa.String(32)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("rule_set_id", name="uq_trigger_one_per_rule"),
    )
    op.create_table(
        "badges", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("label", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "steps", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("flow_id", sa.Integer, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("flow_id", name="uq_step_one_per_flow"),
    )
    op.create_table(
        "stamps", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )


def downgrade():
    for table in ("stamps", "steps", "badges", "triggers"):
        op.drop_table(table)
