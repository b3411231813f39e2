"""Create visits, procedures and observations (each may lack its visit), and tokens"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("visits", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("user_id", sa.Integer(), nullable=True))
    for name in ("procedures", "observations"):
        op.create_table(name, sa.Column("id", sa.Integer(), primary_key=True),
                        sa.Column("user_id", sa.Integer(), nullable=True),
                        sa.Column("visit_id", sa.Integer(), nullable=True))
    op.create_table("tokens", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("user_id", sa.Integer(), nullable=True))


def downgrade():
    for name in ("tokens", "observations", "procedures", "visits"):
        op.drop_table(name)
