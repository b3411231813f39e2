"""Create the tables"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("email", sa.Text))
    op.create_table("teams", sa.Column("id", sa.Integer, primary_key=True))
    op.add_column("recruits", sa.Column("team_id", sa.Integer))


def downgrade():
    op.drop_table("teams")
    op.drop_table("recruits")
