"""Create questionnaire_responses and users"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("questionnaire_responses", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("questionnaire_bank_id", sa.Integer),
                    sa.Column("status", sa.String(20)))
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("kind", sa.String(20)), sa.Column("flag", sa.Boolean),
                    sa.Column("note", sa.Text), sa.Column("badge", sa.String(20)),
                    sa.Column("tier", sa.String(20)))


def downgrade():
    op.drop_table("users")
    op.drop_table("questionnaire_responses")
