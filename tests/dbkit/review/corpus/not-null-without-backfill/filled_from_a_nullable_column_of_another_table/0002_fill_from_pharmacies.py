import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("sales", sa.Column("distributor_id", sa.Integer(), nullable=True))
    op.add_column("sales", sa.Column("region_id", sa.Integer(), nullable=True))
    op.execute("UPDATE sales s SET distributor_id = p.distributor_id, region_id = p.region_id "
               "FROM pharmacies p WHERE s.pharmacy_id = p.id")


def downgrade():
    op.drop_column("sales", "region_id")
    op.drop_column("sales", "distributor_id")
