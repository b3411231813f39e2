"""cars and products that point at them"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("car", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("car_gen", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table(
        "product",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("car_id", sa.Integer(), sa.ForeignKey("car.id")),
        sa.Column("maker", sa.Integer(), sa.ForeignKey("car.id")),
    )


def downgrade():
    op.drop_table("product")
    op.drop_table("car_gen")
    op.drop_table("car")
