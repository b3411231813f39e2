"""Create identifiers and the links of users to them"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("identifiers", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("system", sa.String(50)), sa.Column("value", sa.String(50)))
    op.create_table("user_identifiers", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer), sa.Column("identifier_id", sa.Integer))


def downgrade():
    op.drop_table("user_identifiers")
    op.drop_table("identifiers")
