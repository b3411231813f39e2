"""create"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("person", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("catch_up_period", sa.String(20), nullable=True),
                    sa.Column("catch_up_eisen", sa.String(20), nullable=True))


def downgrade():
    op.drop_table("person")
