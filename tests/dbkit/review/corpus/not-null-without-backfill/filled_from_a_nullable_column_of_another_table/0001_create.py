import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("pharmacies", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("distributor_id", sa.Integer(), nullable=True),
                    sa.Column("region_id", sa.Integer(), nullable=False))
    op.create_table("sales", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("pharmacy_id", sa.Integer(), sa.ForeignKey("pharmacies.id"),
                              nullable=False))


def downgrade():
    op.drop_table("sales")
    op.drop_table("pharmacies")
