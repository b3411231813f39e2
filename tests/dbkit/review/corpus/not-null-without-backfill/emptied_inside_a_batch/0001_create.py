"""Create the tables"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("sessions", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("token", sa.Text))
    op.create_table("tokens", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("owner", sa.Text))
    op.create_table("shows_rootfolder", sa.Column("id", sa.Integer),
                    sa.Column("path", sa.Text))


def downgrade():
    op.drop_table("shows_rootfolder")
    op.drop_table("tokens")
    op.drop_table("sessions")
