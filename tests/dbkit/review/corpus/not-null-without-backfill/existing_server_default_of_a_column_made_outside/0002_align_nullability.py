"""Align nullability with the models"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.alter_column("drivers", "is_active", existing_type=sa.Boolean(), nullable=False,
                    existing_server_default=sa.text("true"))
    op.alter_column("drivers", "name", existing_type=sa.Text(), nullable=False)
    op.alter_column("drivers", "region", existing_type=sa.Text(), nullable=False,
                    existing_server_default=None)
    op.add_column("orders", sa.Column("weight", sa.Integer(), nullable=True))
    op.alter_column("orders", "weight", server_default="0")
    op.alter_column("orders", "weight", existing_type=sa.Integer(), nullable=False,
                    existing_server_default="0")


def downgrade():
    op.alter_column("orders", "weight", nullable=True)
    op.drop_column("orders", "weight")
    op.alter_column("drivers", "region", nullable=True)
    op.alter_column("drivers", "name", nullable=True)
    op.alter_column("drivers", "is_active", nullable=True)
