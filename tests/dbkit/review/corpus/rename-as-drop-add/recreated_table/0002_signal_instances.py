"""Signal re-created, signal_instance and signal_filter added, the rules dropped"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_table("signal")
    op.create_table("signal_instance", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("raw", sa.JSON))
    op.create_table("signal", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String), sa.Column("variant", sa.String))
    op.create_table("signal_filter", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("expression", sa.String))
    op.drop_table("duplication_rule")
    op.drop_table("suppression_rule")


def downgrade():
    op.create_table("suppression_rule", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("expression", sa.String))
    op.create_table("duplication_rule", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("expression", sa.String))
    op.drop_table("signal_filter")
    op.drop_table("signal")
    op.drop_table("signal_instance")
    op.create_table("signal", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String), sa.Column("owner", sa.String))
