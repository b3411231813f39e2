"""a column on cohorts, which the other branch creates"""
from alembic import op
import sqlalchemy as sa

revision = "0002a"
down_revision = "0001"


def upgrade():
    op.add_column("cohorts", sa.Column("name", sa.String(50)))


def downgrade():
    op.drop_column("cohorts", "name")
