"""Create rule sets and their triggers, actions, notes, logs, tags and links; kinds and flags"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("rule_sets", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("code", sa.String(16), unique=True))
    op.create_table(
        "triggers", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("rule_set_id", sa.Integer,
                  sa.ForeignKey("rule_sets.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(32)),
    )
    op.create_table(
        "actions", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("rule_set_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32)),
        sa.ForeignKeyConstraint(["rule_set_id"], ["rule_sets.id"]),
    )
    op.create_table(
        "notes", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("rule_set_id", sa.Integer, sa.ForeignKey("rule_sets.id"), nullable=True),
        sa.Column("body", sa.Text),
    )
    op.create_table(
        "logs", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("rule_set_code", sa.String(16), sa.ForeignKey("rule_sets.code"), nullable=False),
        sa.Column("message", sa.Text),
    )
    op.create_table(
        "tags", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("rule_set_id", sa.Integer, nullable=False),
        sa.Column("label", sa.Text),
    )
    op.create_table(
        "links", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("rule_set_id", sa.Integer, sa.ForeignKey("rule_sets.id"), nullable=False),
        sa.Column("url", sa.Text),
    )
    op.create_foreign_key("fk_tags_rule_set", "tags", "rule_sets", ["rule_set_id"], ["id"])
    op.create_table("kinds", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table(
        "flags", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind_id", sa.Integer, sa.ForeignKey("kinds.id"), nullable=False),
    )


def downgrade():
    for table in ("flags", "kinds", "links", "tags", "logs", "notes", "actions", "triggers", "rule_sets"):
        op.drop_table(table)
