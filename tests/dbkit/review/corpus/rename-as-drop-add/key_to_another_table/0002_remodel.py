"""products point at a car generation now (psp 311f430247b0); maker is renamed, its key kept"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("product", sa.Column("car_gen_id", sa.Integer()))
    op.create_foreign_key("fk_product_car_gen", "product", "car_gen", ["car_gen_id"], ["id"])
    op.drop_column("product", "car_id")
    op.add_column("product", sa.Column("maker_id", sa.Integer(), sa.ForeignKey("car.id")))
    op.drop_column("product", "maker")


def downgrade():
    op.add_column("product", sa.Column("maker", sa.Integer()))
    op.drop_column("product", "maker_id")
    op.add_column("product", sa.Column("car_id", sa.Integer()))
    op.drop_constraint("fk_product_car_gen", "product", type_="foreignkey")
    op.drop_column("product", "car_gen_id")
