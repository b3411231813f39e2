"""Create users; depends_on left empty by the template"""
from alembic import op
import sqlalchemy as sa

revision = "a002"
down_revision = "a001"
branch_labels = ()
depends_on = ""


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("users")
