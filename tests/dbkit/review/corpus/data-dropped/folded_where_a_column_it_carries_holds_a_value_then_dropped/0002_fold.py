"""fold the catch-up columns into one JSON, for the persons that have a period"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("person", sa.Column("catch_up_params", sa.JSON(), nullable=True))
    op.execute("UPDATE person SET catch_up_params = json_build_object('period', catch_up_period, "
               "'eisen', catch_up_eisen) WHERE catch_up_period IS NOT NULL")
    op.drop_column("person", "catch_up_period")
    op.drop_column("person", "catch_up_eisen")


def downgrade():
    op.add_column("person", sa.Column("catch_up_eisen", sa.String(20), nullable=True))
    op.add_column("person", sa.Column("catch_up_period", sa.String(20), nullable=True))
