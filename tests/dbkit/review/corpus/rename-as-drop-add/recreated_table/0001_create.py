"""Create signal and its rules"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("signal", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String), sa.Column("owner", sa.String))
    op.create_table("duplication_rule", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("expression", sa.String))
    op.create_table("suppression_rule", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("expression", sa.String))


def downgrade():
    op.drop_table("suppression_rule")
    op.drop_table("duplication_rule")
    op.drop_table("signal")
