"""Archive id_number"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("recruit_id_numbers", sa.Column("recruit_id", sa.Integer(), primary_key=True),
                    sa.Column("id_number", sa.String(13)))
    op.execute("INSERT INTO recruit_id_numbers SELECT id, id_number FROM recruits")


def downgrade():
    op.drop_table("recruit_id_numbers")  # dbkit: data-kept-in recruits.id_number
