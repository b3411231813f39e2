"""Create intakes, their assessments and plans, and an audit log"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("intakes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("intake_type", sa.String(20), nullable=False),
                    sa.Column("chat_messages", sa.JSON, nullable=True))
    op.create_table("assessments", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("intake_id", sa.Integer, sa.ForeignKey("intakes.id")),
                    sa.Column("score", sa.Integer))
    op.create_table("plans", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("title", sa.String(100)))
    op.create_table("audit", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("note", sa.Text))
    op.create_table("drafts", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text))


def downgrade():
    for table in ("drafts", "audit", "plans", "assessments", "intakes"):
        op.drop_table(table)
