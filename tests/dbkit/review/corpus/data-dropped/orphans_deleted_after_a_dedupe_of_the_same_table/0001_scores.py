"""scores"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("scores", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("answer_id", sa.Integer, nullable=True),
                    sa.Column("score", sa.Float, nullable=False))


def downgrade():
    op.drop_table("scores")
