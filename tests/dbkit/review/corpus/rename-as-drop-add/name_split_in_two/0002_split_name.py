"""fullname split into firstname and lastname: no rename into either, the names are lost"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("holders", sa.Column("firstname", sa.String(), nullable=True))
    op.add_column("holders", sa.Column("lastname", sa.String(), nullable=True))
    op.drop_column("holders", "fullname")


def downgrade():
    op.add_column("holders", sa.Column("fullname", sa.String(), nullable=True))
    op.drop_column("holders", "lastname")
    op.drop_column("holders", "firstname")
