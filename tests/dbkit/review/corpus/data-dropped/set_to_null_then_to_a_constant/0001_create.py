"""Applications, with the class a player wrote in"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("applications", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("character_class", sa.String(50)))


def downgrade():
    op.drop_table("applications")
