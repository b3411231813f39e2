"""Keep a history of services, starting from a copy of every row as it is now"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table(
        "services_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
    )
    op.execute("INSERT INTO services_history SELECT * FROM services")


def downgrade():
    op.drop_table("services_history")
